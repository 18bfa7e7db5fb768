// The signed-in session lives in the query cache under one key; everything reads it from there.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, rememberCsrfToken, type Session } from './api.ts';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  const s = await api.session();
  if (s) rememberCsrfToken(s.csrfToken);
  return s;
}

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: true, // notice an expired session when the tab comes back
  });
}

/**
 * The signed-in shell provides the session it was rendered with, so its parts never see the
 * moment between sign-out and the shell unmounting.
 */
export const SignedInContext = createContext<Session | null>(null);

/** The session, for components rendered only inside the signed-in shell. */
export function useSignedIn(): Session {
  const s = useContext(SignedInContext);
  if (!s) throw new Error('useSignedIn outside the signed-in shell');
  return s;
}

export function storeSession(qc: QueryClient, s: Session | null): void {
  if (s) rememberCsrfToken(s.csrfToken);
  qc.setQueryData(sessionKey, s);
}

export type Permission =
  | 'tenant.view' | 'geography.read' | 'units.read' | 'units.write' | 'users.read' | 'users.manage'
  | 'audit.read' | 'personal.unmask' | 'elections.read' | 'projection.run' | 'org.read' | 'org.write'
  | 'programmes.read' | 'programmes.write' | 'review.read' | 'outreach.manage' | 'outreach.call' | 'outreach.export'
  | 'tokens.manage' | 'scenarios.write' | 'elections.import' | 'org.import' | 'org.configure';

/** True when the session holds any of the permissions. */
export function can(s: Session | null | undefined, ...any: Permission[]): boolean {
  return !!s && any.some((p) => s.permissions.includes(p));
}
