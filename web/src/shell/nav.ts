import type { Permission } from '../session.ts';

export type NavKey =
  | 'home' | 'seats' | 'projection' | 'organisation' | 'programmes' | 'tours' | 'events' | 'review' | 'outreach'
  | 'users' | 'audit' | 'tokens' | 'imports';

export interface NavItem {
  key: NavKey;
  path: string;
  /** Any one of these shows the entry and opens the page. */
  anyOf: Permission[];
  group: 'main' | 'admin';
  /** A label outside `nav.` (a feature's own i18n key); default `nav.<key>`. */
  label?: string;
}

export const navItems: NavItem[] = [
  { key: 'home', path: '/', anyOf: ['tenant.view'], group: 'main' },
  { key: 'seats', path: '/seats', anyOf: ['elections.read'], group: 'main' },
  { key: 'projection', path: '/scenario', anyOf: ['projection.run'], group: 'main' },
  { key: 'organisation', path: '/organisation', anyOf: ['org.read', 'units.read'], group: 'main' },
  { key: 'programmes', path: '/programmes', anyOf: ['programmes.read'], group: 'main' },
  { key: 'tours', path: '/tours', anyOf: ['programmes.read'], group: 'main' },
  { key: 'events', path: '/events', anyOf: ['programmes.read'], group: 'main' },
  { key: 'review', path: '/review', anyOf: ['review.read'], group: 'main' },
  { key: 'outreach', path: '/outreach', anyOf: ['outreach.manage', 'outreach.call'], group: 'main' },
  { key: 'users', path: '/admin/users', anyOf: ['users.read'], group: 'admin' },
  { key: 'audit', path: '/admin/audit', anyOf: ['audit.read'], group: 'admin' },
  { key: 'tokens', path: '/admin/tokens', anyOf: ['tokens.manage'], group: 'admin' },
  { key: 'imports', path: '/imports', anyOf: ['elections.import', 'org.import'], group: 'admin', label: 'imports.nav' },
];

export const navItem = (key: NavKey): NavItem => navItems.find((i) => i.key === key)!;
