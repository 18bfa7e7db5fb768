// English and Hindi, both bundled: together they are a few kilobytes, and a language switch
// on a slow phone should not wait for the network.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import hi from './hi.json';
import { rememberLanguage, type Locale } from '../api.ts';

const storageKey = 'warroom.locale';

function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(storageKey);
    return v === 'en' || v === 'hi' ? v : null;
  } catch {
    return null; // storage blocked (private mode on some phones)
  }
}

function initialLocale(): Locale {
  return storedLocale() ?? (navigator.language?.toLowerCase().startsWith('hi') ? 'hi' : 'en');
}

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
  rememberLanguage(lng);
  document.title = i18n.t('app.name');
}

export function setupI18n(): typeof i18n {
  i18n.on('languageChanged', applyToDocument);
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, hi: { translation: hi } },
    lng: initialLocale(),
    fallbackLng: 'en',
    supportedLngs: ['en', 'hi'],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  applyToDocument(i18n.language);
  return i18n;
}

/** Set while signed out, so a choice made on the sign-in page survives signing in. */
let choiceBeforeSignIn: Locale | null = null;

export function currentLocale(): Locale {
  return i18n.language === 'hi' ? 'hi' : 'en';
}

export function changeLocale(lng: Locale, signedIn: boolean): void {
  if (!signedIn) choiceBeforeSignIn = lng;
  try { localStorage.setItem(storageKey, lng); } catch { /* ignore */ }
  void i18n.changeLanguage(lng);
}

/** The language to keep after signing in: the one picked on the sign-in page, if any. */
export function takeChoiceBeforeSignIn(): Locale | null {
  const c = choiceBeforeSignIn;
  choiceBeforeSignIn = null;
  return c;
}

/** Picks the Hindi name of a thing when the UI is in Hindi and the thing has one. */
export function useLocalName(): (name: string, nameHi?: string | null) => string {
  const { i18n: inst } = useTranslation();
  const hiUi = inst.language === 'hi';
  return (name, nameHi) => (hiUi && nameHi ? nameHi : name);
}

export { i18n };
