import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api.ts';
import { useLocalName } from '../i18n/index.ts';
import { sessionKey, storeSession, useSignedIn } from '../session.ts';

export function TenantSwitch() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const qc = useQueryClient();
  const local = useLocalName();
  const location = useLocation();
  const navigate = useNavigate();
  const switchTenant = useMutation({
    mutationFn: api.switchTenant,
    onSuccess: async (s) => {
      storeSession(qc, s);
      // Unit ids in the address belong to the old tenant: leave them, and drop (not refetch) their data.
      if (location.pathname.startsWith('/organisation/')) {
        navigate('/organisation');
        qc.removeQueries({ queryKey: ['units'] });
      }
      await qc.resetQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    },
  });

  return (
    <div className="tenant-switch">
      <label htmlFor="tenant-switch" className="visually-hidden">{t('header.tenantLabel')}</label>
      <select
        id="tenant-switch"
        data-testid="tenant-switch"
        value={session.tenant?.id ?? ''}
        disabled={switchTenant.isPending}
        onChange={(e) => switchTenant.mutate(e.target.value)}
      >
        {session.tenant ? null : <option value="">{t('header.noTenant')}</option>}
        {session.tenants.map((tn) => (
          <option key={tn.id} value={tn.id}>
            {local(tn.name, tn.nameHi)}
          </option>
        ))}
      </select>
      {switchTenant.error ? (
        <span className="header-error" role="alert">{t('header.tenantSwitchFailed')}</span>
      ) : null}
    </div>
  );
}
