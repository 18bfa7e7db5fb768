// Lookups whose key comes from data (an audit type, a role code, a demo phase). The typed `t`
// only takes literal keys, so these go through one untyped door with a fallback.
import type { TFunction } from 'i18next';

export function tDynamic(t: TFunction, key: string, fallback: string): string {
  return (t as unknown as (k: string, o: { defaultValue: string }) => string)(key, { defaultValue: fallback });
}

/** Audit and activity types such as "auth.sign_in" (dots would be read as nesting). */
export function eventLabel(t: TFunction, type: string): string {
  return tDynamic(t, `events.${type.replace(/\./g, '_')}`, type);
}

export function roleLabel(t: TFunction, code: string, fallback?: string): string {
  return tDynamic(t, `roles.${code}`, fallback ?? code);
}
