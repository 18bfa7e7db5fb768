import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id, type Role, type User } from '../../api.ts';
import { Field, fieldError, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { dayEnd, useFormat } from '../../format.ts';
import { roleLabel } from '../../i18n/dynamic.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { UnitPicker } from './UnitPicker.tsx';

function useRoleName(roles: Role[] | undefined) {
  const { t } = useTranslation();
  const local = useLocalName();
  return (code: string) => {
    const r = roles?.find((x) => x.code === code);
    return r ? local(r.name, r.nameHi) : roleLabel(t, code);
  };
}

function AddUser({ onCreated }: { onCreated: (u: User) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const empty = { email: '', name: '', password: '', accessEnds: '' };
  const [form, setForm] = useState(empty);
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.createUser({
      email: form.email.trim(), name: form.name.trim(), password: form.password,
      ...(form.accessEnds ? { accessEndsAt: dayEnd(form.accessEnds) } : {}),
    }),
    onSuccess: (u) => {
      setAdded(u.email ?? form.email);
      setForm(empty);
      onCreated(u);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => { setAdded(null); setForm({ ...form, [k]: e.target.value }); };
  const onSubmit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  const err = create.error;
  return (
    <section className="card section" aria-labelledby="add-user-h">
      <h2 id="add-user-h">{t('users.add')}</h2>
      <form className="form-grid" onSubmit={onSubmit} data-testid="add-user-form" noValidate>
        <Field label={t('users.email')} error={fieldError(err, 'email')}>
          {(p) => <input {...p} type="email" autoComplete="off" required value={form.email} onChange={set('email')} data-testid="add-user-email" />}
        </Field>
        <Field label={t('users.name')} error={fieldError(err, 'name')}>
          {(p) => <input {...p} type="text" autoComplete="off" required value={form.name} onChange={set('name')} data-testid="add-user-name" />}
        </Field>
        <Field label={t('users.password')} hint={t('users.passwordHint')} error={fieldError(err, 'password')}>
          {(p) => <input {...p} type="password" autoComplete="new-password" required value={form.password} onChange={set('password')} data-testid="add-user-password" />}
        </Field>
        <Field label={t('users.accessEnds')} hint={t('users.accessEndsHint')} error={fieldError(err, 'accessEndsAt')}>
          {(p) => <input {...p} type="date" value={form.accessEnds} onChange={set('accessEnds')} data-testid="add-user-access-ends" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="add-user-submit">{t('users.addSubmit')}</button>
        </div>
      </form>
      <ProblemNotice error={err} />
      {added ? <p className="notice notice-ok" role="status">{t('users.added', { email: added })}</p> : null}
    </section>
  );
}

const BY_EMAIL = '__email';

function GrantRole({ users, roles, userId, setUserId, formRef }: {
  users: User[]; roles: Role[]; userId: string; setUserId: (id: string) => void; formRef: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const local = useLocalName();
  const [role, setRole] = useState('');
  const [unitId, setUnitId] = useState('');
  const [email, setEmail] = useState('');
  const [done, setDone] = useState(false);
  // Someone registered already (perhaps by another workspace) is not in the list until granted here: name them by e-mail.
  const byEmail = userId === BY_EMAIL;
  const grant = useMutation({
    mutationFn: () => api.createGrant(byEmail ? { email, role, unitId } : { userId, role, unitId }),
    onSuccess: () => { setDone(true); setUnitId(''); void qc.invalidateQueries({ queryKey: ['users'] }); },
  });
  const onSubmit = (e: FormEvent) => { e.preventDefault(); setDone(false); grant.mutate(); };
  const chosenRole = roles.find((r) => r.code === role);
  const err = grant.error;
  return (
    <section className="card section" aria-labelledby="grant-h" ref={formRef} tabIndex={-1}>
      <h2 id="grant-h">{t('users.grant')}</h2>
      <form className="stack" onSubmit={onSubmit} data-testid="grant-form" noValidate>
        <div className="form-grid">
          <Field label={t('users.user')} error={fieldError(err, 'userId')}>
            {(p) => (
              <select {...p} value={userId} onChange={(e) => { setDone(false); setUserId(e.target.value); }} data-testid="grant-user" required>
                <option value="">{t('users.pickUser')}</option>
                {users.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
                <option value={BY_EMAIL}>{t('users.pickByEmail')}</option>
              </select>
            )}
          </Field>
          {byEmail ? (
            <Field label={t('users.existingEmail')} error={fieldError(err, 'email')}>
              {(p) => <input {...p} type="email" value={email} onChange={(e) => { setDone(false); setEmail(e.target.value); }} data-testid="grant-email" autoComplete="off" required />}
            </Field>
          ) : null}
          <Field label={t('users.role')} error={fieldError(err, 'role')}
            hint={chosenRole ? t('users.rolePermissions', { list: chosenRole.permissions.join(', ') }) : undefined}>
            {(p) => (
              <select {...p} value={role} onChange={(e) => { setDone(false); setRole(e.target.value); }} data-testid="grant-role" required>
                <option value="">{t('users.pickRole')}</option>
                {roles.map((r) => <option key={r.code} value={r.code}>{local(r.name, r.nameHi)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <UnitPicker value={unitId} onChange={(id) => { setDone(false); setUnitId(id); }} error={fieldError(err, 'unitId')} />
        <div>
          <button type="submit" className="btn btn-primary" disabled={grant.isPending || !userId || (byEmail && !email) || !role || !unitId} data-testid="grant-submit">
            {t('users.grantSubmit')}
          </button>
        </div>
      </form>
      <ProblemNotice error={err} />
      {done ? <p className="notice notice-ok" role="status">{t('users.granted')}</p> : null}
    </section>
  );
}

function UserTable({ users, roleName, canManage, onGrant }: {
  users: User[]; roleName: (code: string) => string; canManage: boolean; onGrant: (id: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const qc = useQueryClient();
  const revoke = useMutation({
    mutationFn: api.removeGrant,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }),
  });
  if (users.length === 0) return <p className="muted">{t('users.none')}</p>;
  return (
    <>
      <ProblemNotice error={revoke.error} />
      <table className="table table-cards" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.accessEnds')}</th>
            <th scope="col">{t('users.grants')}</th>
            {canManage ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-${u.id}`}>
              <th scope="row" data-label={t('users.name')}>{u.name}</th>
              <td data-label={t('users.email')} className="break">{u.email}</td>
              <td data-label={t('users.accessEnds')}>{u.accessEndsAt ? fmt.date(u.accessEndsAt) : t('users.noEnd')}</td>
              <td data-label={t('users.grants')}>
                {u.grants.length === 0 ? <span className="muted">{t('users.noGrants')}</span> : (
                  <ul className="chips">
                    {u.grants.map((g) => (
                      <li key={g.id} className="chip">
                        <span>{roleName(g.role)} · {local(g.unitName)}</span>
                        {canManage ? (
                          <button type="button" className="chip-x" disabled={revoke.isPending}
                            aria-label={t('users.revokeNamed', { role: roleName(g.role), unit: g.unitName, name: u.name })}
                            data-testid={`revoke-grant-${g.id}`}
                            onClick={() => { if (window.confirm(t('users.revokeConfirm', { role: roleName(g.role), unit: g.unitName, name: u.name }))) revoke.mutate(g.id); }}>
                            ×
                          </button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              {canManage ? (
                <td data-label="">
                  <button type="button" className="btn btn-small" onClick={() => onGrant(u.id)} data-testid={`grant-for-${u.id}`}>
                    {t('users.grantShort')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const canManage = can(session, 'users.manage');
  const users = useQuery({ queryKey: ['users'], queryFn: api.users });
  const roles = useQuery({ queryKey: ['roles'], queryFn: api.roles, staleTime: 10 * 60_000 });
  const roleName = useRoleName(roles.data?.items);
  const [grantUser, setGrantUser] = useState<string>('');
  // The list holds users with a role in this workspace; someone just added has none yet,
  // so keep them here until their first grant brings them into the list.
  const [added, setAdded] = useState<User[]>([]);
  const listed = users.data?.items ?? [];
  const all = [...listed, ...added.filter((a) => !listed.some((u) => u.id === a.id))];
  const grantRef = useRef<HTMLElement | null>(null);
  const onGrant = (id: string) => {
    setGrantUser(id);
    grantRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    grantRef.current?.focus({ preventScroll: true });
  };
  return (
    <>
      <PageHeading testId="users">{t('nav.users')}</PageHeading>
      <p className="muted">{t('users.intro')}</p>
      <section className="section" aria-labelledby="users-h">
        <h2 id="users-h">{t('users.list')}</h2>
        <QueryGate query={users}>
          {() => <UserTable users={all} roleName={roleName} canManage={canManage} onGrant={onGrant} />}
        </QueryGate>
      </section>
      {canManage ? (
        <div className="two-col">
          <AddUser onCreated={(u) => { setAdded((a) => [...a, u]); setGrantUser(String(u.id)); }} />
          {users.data && roles.data ? (
            <GrantRole users={all} roles={roles.data.items} userId={grantUser} setUserId={setGrantUser} formRef={grantRef} />
          ) : <QueryGate query={roles}>{() => null}</QueryGate>}
        </div>
      ) : null}
    </>
  );
}
