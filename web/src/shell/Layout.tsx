import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { markNavigated } from '../components/ui.tsx';
import { useLocalName } from '../i18n/index.ts';
import { tDynamic } from '../i18n/dynamic.ts';
import { can, useSignedIn } from '../session.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { navItems, type NavItem } from './nav.ts';
import { TenantSwitch } from './TenantSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';

function NavLinks({ items, onPick }: { items: NavItem[]; onPick: () => void }) {
  const { t } = useTranslation();
  return (
    <ul className="nav-list">
      {items.map((item) => (
        <li key={item.key}>
          <NavLink to={item.path} end={item.path === '/'} data-testid={`nav-${item.key}`} onClick={onPick}>
            {item.label ? tDynamic(t, item.label, item.key) : t(`nav.${item.key as Exclude<NavItem['key'], 'imports'>}`)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/** The signed-in frame: skip link, header, navigation (a menu on phones), main landmark. */
export function Layout() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const local = useLocalName();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) { first.current = false; return; }
    markNavigated();
    setMenuOpen(false);
  }, [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { setMenuOpen(false); document.getElementById('menu-button')?.focus(); }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const visible = navItems.filter((i) => can(session, ...i.anyOf));
  const main = visible.filter((i) => i.group === 'main');
  const admin = visible.filter((i) => i.group === 'admin');
  const close = () => setMenuOpen(false);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="app-header">
        <div className="header-row">
          <button
            id="menu-button"
            type="button"
            className="btn btn-menu"
            aria-expanded={menuOpen}
            aria-controls="app-nav"
            data-testid="menu-button"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span className="burger" aria-hidden="true" />
            <span className="menu-text">{t('header.menu')}</span>
          </button>
          <Link className="brand" to="/" aria-label={t('app.homeLink')}>
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
              <path d="M7 22V10l4.5 8L16 10l4.5 8L25 10v12" fill="none" stroke="currentColor" strokeWidth="2.8" strokeLinejoin="round" strokeLinecap="round" />
            </svg>
            <span>{t('app.name')}</span>
          </Link>
          {session.tenant?.isDemo ? <span className="badge badge-demo">{t('header.demo')}</span> : null}
          <div className="header-tools">
            <TenantSwitch />
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
      </header>
      <div className="body">
        <nav id="app-nav" className={`app-nav${menuOpen ? ' open' : ''}`} aria-label={t('nav.label')}>
          {session.tenant ? (
            <p className="nav-tenant" title={local(session.tenant.name, session.tenant.nameHi)}>
              {local(session.tenant.name, session.tenant.nameHi)}
            </p>
          ) : null}
          <NavLinks items={main} onPick={close} />
          {admin.length ? (
            <>
              <h2 className="nav-group">{t('nav.admin')}</h2>
              <NavLinks items={admin} onPick={close} />
            </>
          ) : null}
        </nav>
        {menuOpen ? <div className="nav-scrim" onClick={close} aria-hidden="true" /> : null}
        <main id="main" tabIndex={-1} className="main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
