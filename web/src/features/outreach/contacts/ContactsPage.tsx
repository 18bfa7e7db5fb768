// A manager's contacts: upload a file, find a person by number or name (masked), show the full number
// when allowed (audited), stop calling them (withdrawn consent, or a number on the do-not-call list) and
// erase them on request; export every contact when the role allows. Phone-first: cards, not a table.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, Field, PageHeading, ProblemNotice } from '../../../components/ui.tsx';
import { can, useSignedIn } from '../../../session.ts';
import { CONTACTS, contactsApi, type Contact } from './api.ts';
import { ContactsUpload } from './ContactsUpload.tsx';
import './contacts.css';

export default function ContactsPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const found = useQuery({ queryKey: [CONTACTS, 'find', asked], queryFn: () => contactsApi.find(asked), enabled: asked.length >= 2 });
  const onSearch = (e: FormEvent) => { e.preventDefault(); setAsked(q.trim()); };
  return (
    <div className="outreach-contacts">
      <PageHeading testId="outreach-contacts" actions={<Link to="/outreach" className="btn">{t('outreachContacts.back')}</Link>}>{t('outreachContacts.title')}</PageHeading>
      <ContactsUpload />
      <section className="card" aria-labelledby="contacts-find-title">
        <h2 id="contacts-find-title">{t('outreachContacts.findTitle')}</h2>
        <form onSubmit={onSearch} className="form-grid">
          <Field label={t('outreachContacts.search')} hint={t('outreachContacts.searchHint')}>
            {(p) => <input {...p} value={q} onChange={(e) => setQ(e.target.value)} inputMode="search" data-testid="contacts-search" />}
          </Field>
          <button type="submit" className="btn btn-primary" data-testid="contacts-search-go">{t('outreachContacts.find')}</button>
        </form>
        <ProblemNotice error={found.error} />
        {found.data && found.data.items.length === 0 ? <EmptyState title={t('outreachContacts.none')} testId="contacts-none" /> : null}
        <ul className="contact-list">
          {found.data?.items.map((c) => <ContactItem key={c.id} contact={c} unmask={can(session, 'personal.unmask')} />)}
        </ul>
      </section>
      <OptOutForm />
      {can(session, 'outreach.export') ? (
        <p><a className="btn" href={contactsApi.exportUrl} data-testid="contacts-export">{t('outreachContacts.export')}</a></p>
      ) : null}
    </div>
  );
}

function ContactItem({ contact: c, unmask }: { contact: Contact; unmask: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [shown, setShown] = useState<string | null>(null);
  const done = () => client.invalidateQueries({ queryKey: [CONTACTS, 'find'] });
  const reveal = useMutation({ mutationFn: () => contactsApi.unmask(c.id), onSuccess: (r) => setShown(r.phone) });
  const withdraw = useMutation({ mutationFn: () => contactsApi.withdraw(c.id), onSuccess: done });
  const erase = useMutation({ mutationFn: () => contactsApi.erase(c.id), onSuccess: done });
  return (
    <li className="card contact-item" data-testid={`contact-${c.id}`}>
      <p><strong>{c.name ?? t('outreachContacts.noName')}</strong> <span className="mono">{shown ?? c.phone}</span></p>
      <p className="small muted">
        {[c.stateCode && c.acNo ? t('outreachContacts.seat', { state: c.stateCode, no: c.acNo }) : null, c.language, c.tags.join(', ') || null].filter(Boolean).join(' · ')}
      </p>
      <p className="small">
        {c.optedOut ? <span className="badge">{t('outreachContacts.optedOut')}</span> : null}
        {c.consentWithdrawn ? <span className="badge">{t('outreachContacts.withdrawn')}</span> : null}
      </p>
      <div className="form-actions">
        {unmask && c.phoneMasked && !shown ? <button type="button" className="btn" onClick={() => reveal.mutate()} data-testid="contact-unmask">{t('outreachContacts.unmask')}</button> : null}
        {!c.consentWithdrawn ? <button type="button" className="btn" onClick={() => withdraw.mutate()} data-testid="contact-withdraw">{t('outreachContacts.withdraw')}</button> : null}
        <button type="button" className="btn btn-danger" data-testid="contact-erase"
          onClick={() => { if (window.confirm(t('outreachContacts.eraseConfirm'))) erase.mutate(); }}>{t('outreachContacts.erase')}</button>
      </div>
      <ProblemNotice error={reveal.error ?? withdraw.error ?? erase.error} />
    </li>
  );
}

function OptOutForm() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const add = useMutation({ mutationFn: () => contactsApi.optOut(phone, reason), onSuccess: () => { setPhone(''); setReason(''); } });
  return (
    <section className="card" aria-labelledby="optout-title">
      <h2 id="optout-title">{t('outreachContacts.optOutTitle')}</h2>
      <p className="small muted">{t('outreachContacts.optOutHint')}</p>
      <form onSubmit={(e) => { e.preventDefault(); add.mutate(); }} className="form-grid">
        <Field label={t('outreachContacts.phone')}>{(p) => <input {...p} value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" data-testid="optout-phone" />}</Field>
        <Field label={t('outreachContacts.reason')}>{(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
        <button type="submit" className="btn btn-primary" disabled={!phone.trim()} data-testid="optout-go">{t('outreachContacts.optOut')}</button>
      </form>
      {add.data ? <p role="status" data-testid="optout-done">{t('outreachContacts.optOutDone', { phone: add.data.phone })}</p> : null}
      <ProblemNotice error={add.error} />
    </section>
  );
}
