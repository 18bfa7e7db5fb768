// A unit's committee: its slots and who fills them, vacancies stand out, norm checks, roll-page heads,
// and the few taps to fill, replace or end a seat. Shared by the unit page and the phone-first booth page.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Id } from '../../api.ts';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { CATEGORIES, GENDERS, orgApi, type Category, type Committee, type Gender, type Holder, type PersonInput, type Slot } from './api.ts';
import { paths, phoneInputProps, useInvalidateOrg, VerifiedBadge } from './parts.tsx';

export interface SeatRef { code: string; seat: number; name: string; nameHi: string | null; holder: Holder | null }

/** The seat being filled, replaced or ended, with the form open under it. */
type Open = { key: string; action: 'fill' | 'end' } | null;
const slotKey = (s: Pick<Slot, 'code' | 'seat'>) => `${s.code}:${s.seat}`;

export function NormChecks({ c }: { c: Committee }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const filled = c.slots.filter((s) => s.isRequired && s.holder).length;
  const checks = [
    { key: 'formed', ok: c.norm.formed, label: c.norm.formed ? t('org.norm.formed') : t('org.norm.notFormed', { min: fmt.number(c.norm.minFormed), filled: fmt.number(filled) }) },
    { key: 'women', ok: c.norm.women >= c.norm.minWomen, label: t('org.norm.women', { n: fmt.number(c.norm.women), min: fmt.number(c.norm.minWomen) }) },
    { key: 'scst', ok: c.norm.scSt >= c.norm.minScSt, label: t('org.norm.scSt', { n: fmt.number(c.norm.scSt), min: fmt.number(c.norm.minScSt) }) },
  ];
  return (
    <ul className="org-norms plain-list" data-testid="org-norms">
      <li className={c.vacancies > 0 ? 'org-norm-bad' : 'org-norm-ok'} data-testid="org-vacancies" data-count={c.vacancies}>
        <span aria-hidden="true">{c.vacancies > 0 ? '!' : '✓'}</span>
        {t('org.vacanciesN', { count: c.vacancies, n: fmt.number(c.vacancies) })}
      </li>
      {checks.map((x) => (
        <li key={x.key} className={x.ok ? 'org-norm-ok' : 'org-norm-bad'} data-testid={`org-norm-${x.key}`} data-ok={x.ok}>
          <span aria-hidden="true">{x.ok ? '✓' : '✗'}</span>{x.label}
        </li>
      ))}
    </ul>
  );
}

/** The committee's seats (roll-page heads apart), each with its holder or a vacancy to fill. */
export function SlotList({ c, unitId, homeUnitId, canWrite, phone }: {
  c: Committee; unitId: Id; homeUnitId: Id; canWrite: boolean; phone?: boolean;
}) {
  const { t } = useTranslation();
  const local = useLocalName();
  const [open, setOpen] = useState<Open>(null);
  const slots = c.slots.filter((s) => !s.perPage);
  // Seats of a many-seat type are numbered: "Committee member 3".
  const many = new Set(slots.filter((s) => s.seat > 1).map((s) => s.code));
  return (
    <ul className={`org-slots plain-list${phone ? ' org-slots-phone' : ''}`} data-testid="org-slots">
      {slots.map((s) => {
        const key = slotKey(s);
        const title = `${local(s.name, s.nameHi)}${many.has(s.code) ? ` ${s.seat}` : ''}`;
        const isOpen = open?.key === key;
        return (
          <li key={key} className={`org-slot${s.holder ? '' : ' org-slot-vacant'}${s.isRequired ? '' : ' org-slot-optional'}`}
            data-testid={`slot-${s.code}-${s.seat}`} data-vacant={!s.holder}>
            <div className="org-slot-row">
              <div className="org-slot-what">
                <span className="org-slot-title">{title}{s.isHead ? <span className="badge org-badge-head">{t('org.head')}</span> : null}</span>
                {s.holder ? (
                  <span className="org-slot-who">
                    <Link to={paths.person(s.holder.personId)}>{local(s.holder.name, s.holder.nameHi)}</Link>
                    <VerifiedBadge verified={s.holder.isVerified} />
                    <span className="muted small nowrap">{s.holder.phoneMasked}</span>
                  </span>
                ) : (
                  <span className="org-slot-who org-vacant-label">{s.isRequired ? t('org.vacant') : t('org.vacantOptional')}</span>
                )}
              </div>
              {canWrite && !isOpen ? (
                <div className="org-slot-actions">
                  {s.holder ? (
                    <>
                      <button type="button" className="btn btn-small" onClick={() => setOpen({ key, action: 'fill' })} data-testid="slot-replace">{t('org.replace')}</button>
                      <button type="button" className="btn btn-small btn-danger" onClick={() => setOpen({ key, action: 'end' })} data-testid="slot-end">{t('org.end')}</button>
                    </>
                  ) : (
                    <button type="button" className={`btn ${phone ? 'btn-primary org-tap' : 'btn-small btn-primary'}`} onClick={() => setOpen({ key, action: 'fill' })}
                      data-testid="slot-fill" aria-label={t('org.fillNamed', { name: title })}>{t('org.fill')}</button>
                  )}
                </div>
              ) : null}
            </div>
            {isOpen && open.action === 'fill' ? (
              <FillForm unitId={unitId} homeUnitId={homeUnitId} seat={{ ...s, name: title, nameHi: title }} onDone={() => setOpen(null)} />
            ) : null}
            {isOpen && open.action === 'end' && s.holder ? (
              <EndForm holder={s.holder} title={title} onDone={() => setOpen(null)} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Roll pages and their heads (panna pramukh): a grid of page numbers, the uncovered ones highlighted. */
export function PageHeads({ c, unitId, homeUnitId, canWrite }: { c: Committee; unitId: Id; homeUnitId: Id; canWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const [open, setOpen] = useState<Slot | null>(null);
  const pages = c.slots.filter((s) => s.perPage).sort((a, b) => a.seat - b.seat);
  if (!pages.length) return <p className="muted small" data-testid="org-no-pages">{t('org.noPages')}</p>;
  const covered = pages.filter((p) => p.holder).length;
  return (
    <div data-testid="org-pages">
      <p className="org-pages-count">
        {t('org.pagesOf', { covered: fmt.number(covered), pages: fmt.number(pages.length) })}
      </p>
      <ul className="org-pages plain-list">
        {pages.map((p) => (
          <li key={p.seat}>
            <button type="button" className={`org-page${p.holder ? ' org-page-covered' : ''}${open?.seat === p.seat ? ' org-page-open' : ''}`}
              aria-pressed={open?.seat === p.seat}
              title={p.holder ? local(p.holder.name, p.holder.nameHi) : t('org.vacant')}
              aria-label={p.holder ? t('org.pageHeld', { page: p.seat, name: local(p.holder.name, p.holder.nameHi) }) : t('org.pageVacant', { page: p.seat })}
              onClick={() => setOpen(open?.seat === p.seat ? null : p)} data-testid={`page-${p.seat}`}>
              {p.seat}
            </button>
          </li>
        ))}
      </ul>
      {open ? (
        <div className="org-page-detail card">
          <p className="org-slot-title">{t('org.pageN', { page: open.seat })}</p>
          {open.holder ? (
            <p className="org-slot-who">
              <Link to={paths.person(open.holder.personId)}>{local(open.holder.name, open.holder.nameHi)}</Link>
              <VerifiedBadge verified={open.holder.isVerified} />
            </p>
          ) : null}
          {canWrite && !open.holder ? (
            <FillForm unitId={unitId} homeUnitId={homeUnitId} seat={{ ...open, name: t('org.pageHead', { page: open.seat }), nameHi: null }} onDone={() => setOpen(null)} />
          ) : canWrite && open.holder ? (
            <EndForm holder={open.holder} title={t('org.pageHead', { page: open.seat })} onDone={() => setOpen(null)} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function EndForm({ holder, title, onDone }: { holder: Holder; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const invalidate = useInvalidateOrg();
  const [reason, setReason] = useState('');
  const end = useMutation({
    mutationFn: () => orgApi.endDesignation(holder.designationId, reason.trim() || undefined),
    onSuccess: async () => { await invalidate(); onDone(); },
  });
  return (
    <form className="org-form" onSubmit={(e) => { e.preventDefault(); end.mutate(); }} data-testid="end-form">
      <p>{t('org.endConfirm', { name: local(holder.name, holder.nameHi), seat: title })}</p>
      <Field label={t('org.endReason')}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />}
      </Field>
      <ProblemNotice error={end.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-danger" disabled={end.isPending} data-testid="end-submit">{t('org.endSubmit')}</button>
        <button type="button" className="btn" onClick={onDone}>{t('org.cancel')}</button>
      </div>
    </form>
  );
}

/** Fill (or replace) a seat: a new person in five fields, or someone already registered, found by name or phone. */
export function FillForm({ unitId, homeUnitId, seat, onDone }: { unitId: Id; homeUnitId: Id; seat: SeatRef; onDone: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const invalidate = useInvalidateOrg();
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [chosen, setChosen] = useState<{ id: Id; name: string } | null>(null);
  const [form, setForm] = useState<PersonForm>(emptyPerson);
  const assign = useMutation({
    mutationFn: () => {
      const base = { code: seat.code, seat: seat.seat, replace: seat.holder ? true : undefined };
      if (mode === 'existing') return orgApi.assign(unitId, { ...base, personId: chosen!.id });
      return orgApi.assign(unitId, { ...base, person: toPersonInput(form, homeUnitId) });
    },
    onSuccess: async () => { await invalidate(); onDone(); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); assign.mutate(); };
  const err = assign.error;
  const set: SetField = (k, v) => setForm((f) => ({ ...f, [k]: v }));
  const group = useId();

  return (
    <form className="org-form" onSubmit={submit} data-testid="fill-form" aria-label={t('org.fillNamed', { name: seat.name })}>
      {seat.holder ? <p className="notice">{t('org.replacing', { name: local(seat.holder.name, seat.holder.nameHi) })}</p> : null}
      <div className="org-segmented" role="radiogroup" aria-label={t('org.who')}>
        {(['new', 'existing'] as const).map((m) => (
          <label key={m} className={mode === m ? 'on' : ''}>
            <input type="radio" name={`${group}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`fill-mode-${m}`} />
            {m === 'new' ? t('org.newPerson') : t('org.existingPerson')}
          </label>
        ))}
      </div>
      {mode === 'new' ? (
        <PersonFields form={form} set={set} error={err} group={group} />
      ) : (
        <PersonPicker chosen={chosen} onChoose={setChosen} unitId={homeUnitId} />
      )}
      <ProblemNotice error={err} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary org-tap" disabled={assign.isPending || (mode === 'existing' && !chosen)} data-testid="fill-submit">
          {assign.isPending ? t('org.saving') : seat.holder ? t('org.replaceSubmit') : t('org.fillSubmit')}
        </button>
        <button type="button" className="btn org-tap" onClick={onDone} data-testid="fill-cancel">{t('org.cancel')}</button>
      </div>
    </form>
  );
}


export interface PersonForm { name: string; nameHi: string; phone: string; gender: Gender | ''; category: Category | '' }
export const emptyPerson: PersonForm = { name: '', nameHi: '', phone: '', gender: '', category: '' };
export type SetField = <K extends keyof PersonForm>(k: K, v: PersonForm[K]) => void;
export function toPersonInput(form: PersonForm, homeUnitId: Id): PersonInput {
  return {
    name: form.name.trim(), phone: form.phone.trim(), homeUnitId,
    ...(form.nameHi.trim() ? { nameHi: form.nameHi.trim() } : {}),
    ...(form.gender ? { gender: form.gender } : {}),
    ...(form.category ? { category: form.category } : {}),
  };
}

/** Name in both scripts, mobile number, gender and social category: what a booth president knows. */
export function PersonFields({ form, set, error: err, group }: { form: PersonForm; set: SetField; error: unknown; group: string }) {
  const { t } = useTranslation();
  return (
    <div className="org-form-grid">
      <Field label={t('org.person.name')} error={fieldError(err, 'name')}>
        {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} required maxLength={120} autoComplete="off" data-testid="person-name" />}
      </Field>
      <Field label={t('org.person.nameHi')} error={fieldError(err, 'nameHi')}>
        {(p) => <input {...p} lang="hi" value={form.nameHi} onChange={(e) => set('nameHi', e.target.value)} maxLength={120} autoComplete="off" data-testid="person-name-hi" />}
      </Field>
      <Field label={t('org.person.phone')} hint={t('org.person.phoneHint')} error={fieldError(err, 'phone')}>
        {(p) => <input {...p} {...phoneInputProps} value={form.phone} onChange={(e) => set('phone', e.target.value)} required data-testid="person-phone" />}
      </Field>
      <fieldset className="org-choice">
        <legend>{t('org.person.gender')}</legend>
        {GENDERS.map((g) => (
          <label key={g} className={form.gender === g ? 'on' : ''}>
            <input type="radio" name={`${group}-gender`} value={g} checked={form.gender === g} onChange={() => set('gender', g)} data-testid={`person-gender-${g}`} />
            {t(`org.gender.${g}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('org.person.category')} error={fieldError(err, 'category')}>
        {(p) => (
          <select {...p} value={form.category} onChange={(e) => set('category', e.target.value as Category | '')} data-testid="person-category">
            <option value="">{t('org.notRecorded')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t(`org.category.${c}`)}</option>)}
          </select>
        )}
      </Field>
    </div>
  );
}

/** Search people in scope by name (either script) or phone; choose one. */
export function PersonPicker({ chosen, onChoose }: { chosen: { id: Id; name: string } | null; onChoose: (p: { id: Id; name: string } | null) => void; unitId?: Id }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const results = useQuery({
    queryKey: ['org', 'people', 'pick', q],
    queryFn: () => orgApi.people({ q, limit: 10 }),
    enabled: q.length >= 2,
  });
  if (chosen) {
    return (
      <p className="org-chosen" data-testid="picker-chosen">
        <strong>{chosen.name}</strong>
        <button type="button" className="btn btn-small" onClick={() => onChoose(null)}>{t('org.change')}</button>
      </p>
    );
  }
  return (
    <div className="org-picker">
      <Field label={t('org.searchPeople')} hint={t('org.searchHint')}>
        {(p) => <input {...p} type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" data-testid="picker-search" />}
      </Field>
      {results.error ? <ProblemNotice error={results.error} /> : null}
      {q.length >= 2 && results.data ? (
        results.data.items.length === 0 ? <p className="muted">{t('org.noPeople')}</p> : (
          <ul className="plain-list org-pick-list" data-testid="picker-results">
            {results.data.items.map((p) => (
              <li key={p.id}>
                <button type="button" className="org-pick" onClick={() => onChoose({ id: p.id, name: local(p.name, p.nameHi) })}>
                  <span className="org-pick-name">{local(p.name, p.nameHi)}</span>
                  <span className="muted small">{p.phoneMasked}{p.homeUnitName ? ` · ${p.homeUnitName}` : ''}</span>
                  <VerifiedBadge verified={p.isVerified} />
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}
