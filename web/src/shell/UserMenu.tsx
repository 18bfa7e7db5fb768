import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { roleLabel } from '../i18n/dynamic.ts';
import { useLocalName } from '../i18n/index.ts';
import { sessionKey, storeSession, useSignedIn } from '../session.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase() || '?';
}

/** The account button: who is signed in, their roles, and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const local = useLocalName();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => { if (!box.current?.contains(e.target as Node)) setOpen(false); };
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { setOpen(false); button.current?.focus(); } };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('mousedown', onDown); document.removeEventListener('keydown', onKey); };
  }, [open]);

  const signOut = useMutation({
    mutationFn: api.logout,
    onSettled: () => {
      storeSession(qc, null); // the route guard sends the user to /login
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    },
  });

  const { user } = session;
  return (
    <div className="user-menu" ref={box}>
      <button
        ref={button}
        type="button"
        className="btn btn-user"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="user-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">{initials(user.name)}</span>
        <span className="user-name">{user.name}</span>
        <span className="visually-hidden">{t('header.userMenu')}</span>
      </button>
      <div id={panelId} className="user-panel" hidden={!open}>
        <p className="user-panel-name">{user.name}</p>
        <p className="muted user-panel-email">{user.email}</p>
        {session.grants.length ? (
          <>
            <h2 className="user-panel-h">{t('header.yourRoles')}</h2>
            <ul className="plain-list">
              {session.grants.map((g) => (
                <li key={g.id}>{roleLabel(t, g.role, g.roleName)} · {local(g.unitName)}</li>
              ))}
            </ul>
          </>
        ) : null}
        <button type="button" className="btn btn-block" data-testid="sign-out" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t('header.signOut')}
        </button>
      </div>
    </div>
  );
}
