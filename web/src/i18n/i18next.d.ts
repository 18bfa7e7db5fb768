import type en from './en.json';

// Keys are checked at compile time against the English file; hi.json must have the same shape
// (see i18n.test.ts).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
