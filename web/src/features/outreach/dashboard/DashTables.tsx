// The dashboard's tables: results by AC (sortable, the sentiment share as a bar in each row), the
// agent leaderboard, and the QA sample of answered calls. Each scrolls inside its own box on a phone.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format.ts';
import { useLocalName } from '../../../i18n/index.ts';
import { can, useSignedIn } from '../../../session.ts';
import { inLang, type Dashboard } from './api.ts';

type AcKey = 'ac' | 'calls' | 'answered' | 'share';

export function AcTable({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const [sort, setSort] = useState<{ key: AcKey; desc: boolean }>({ key: 'calls', desc: true });
  const val = (r: Dashboard['byAc'][number]) => (sort.key === 'ac' ? `${r.stateCode ?? '~'}:${String(r.acNo ?? 0).padStart(5, '0')}`
    : sort.key === 'share' ? r.share ?? -1 : r[sort.key]);
  const rows = [...d.byAc].sort((a, b) => {
    const x = val(a), y = val(b);
    const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return sort.desc ? -c : c;
  });
  const head = (key: AcKey, label: string, num = true) => (
    <th className={num ? 'num' : undefined} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-btn" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== 'ac' })} data-testid={`dash-ac-sort-${key}`}>
        {label}{sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  if (d.byAc.length === 0) return null;
  return (
    <section className="section" data-testid="dash-ac">
      <h2>{t('outreachDash.byAc')}</h2>
      <div className="table-scroll card dash-table-box dash-ac-box">
        <table className="table table-compact" data-testid="dash-ac-table">
          <thead><tr>{head('ac', t('outreachDash.ac'), false)}{head('calls', t('outreachDash.calls'))}{head('answered', t('outreachDash.answered'))}{head('share', t('outreachDash.share'))}</tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.stateCode}:${r.acNo}`}>
                <th>{r.acNo ? t('outreachDash.acLabel', { no: r.acNo, name: r.name ? local(r.name, r.nameHi) : '' }) : t('outreachDash.noAc')}
                  {r.stateCode ? <span className="code-muted">{r.stateCode}</span> : null}</th>
                <td className="num">{fmt.number(r.calls)}</td>
                <td className="num">{fmt.number(r.answered)}</td>
                <td className="num dash-share">
                  {r.share === null ? '—' : <><span className="dash-share-bar" aria-hidden="true"><span style={{ width: `${Math.round(r.share * 100)}%` }} /></span>
                    {fmt.percent(Math.round(r.share * 1000) / 10)} <span className="muted small">({fmt.number(r.sentimentYes)}/{fmt.number(r.sentimentAnswered)})</span></>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function AgentTable({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="section" data-testid="dash-agents">
      <h2>{t('outreachDash.leaderboard', { count: d.hours })}</h2>
      {d.agents.length === 0 ? <p className="empty-line">{t('outreachDash.noCallsInWindow')}</p> : (
        <div className="table-scroll card dash-table-box">
          <table className="table table-compact" data-testid="dash-agent-table">
            <thead><tr><th className="num">#</th><th>{t('outreachDash.agent')}</th><th className="num">{t('outreachDash.calls')}</th>
              <th className="num">{t('outreachDash.answered')}</th><th className="num">{t('outreachDash.perHourShort')}</th></tr></thead>
            <tbody>
              {d.agents.map((a, i) => (
                <tr key={a.userId ?? i}>
                  <td className="num">{fmt.number(i + 1)}</td><th>{a.name ?? t('outreachDash.unknownAgent')}</th>
                  <td className="num">{fmt.number(a.calls)}</td><td className="num">{fmt.number(a.answered)}</td>
                  <td className="num">{a.perHour === null ? '—' : new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(a.perHour)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function QaSample({ d, shown, toggle }: { d: Dashboard; shown: boolean; toggle: (on: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const mayUnmask = can(useSignedIn(), 'personal.unmask');
  const questions = new Map(d.survey.map((s) => [s.question, s]));
  const answer = (q: string, v: unknown) => {
    const s = questions.get(q);
    const label = (x: string) => { const c = s?.counts.find((o) => o.value === x); return c?.label ? inLang(c.label, i18n.language) : x; };
    return Array.isArray(v) ? v.map((x) => label(String(x))).join(', ') : typeof v === 'string' ? label(v) : String(v);
  };
  return (
    <section className="section" data-testid="dash-qa">
      <h2>{t('outreachDash.qa')}</h2>
      <p className="muted small">{t('outreachDash.qaIntro')}</p>
      {mayUnmask ? (
        <label className="dash-check"><input type="checkbox" checked={shown} onChange={(e) => toggle(e.target.checked)} data-testid="dash-qa-contacts" /> {t('outreachDash.qaShowContacts')}</label>
      ) : null}
      {d.qa.length === 0 ? <p className="empty-line">{t('outreachDash.qaNone')}</p> : (
        <ul className="plain-list dash-qa-list">
          {d.qa.map((c) => (
            <li key={c.callId} className="card dash-qa-item" data-testid="dash-qa-item">
              <div className="dash-todo-head">
                <strong>{c.agent ?? t('outreachDash.unknownAgent')}</strong>
                <time className="muted" dateTime={c.at}>{fmt.dateTime(c.at)}</time>
                {c.acNo ? <span className="muted">{t('outreachDash.acShort', { no: c.acNo })}</span> : null}
                {c.contact ? <span className="dash-phone">{c.contact.name ?? ''} {c.contact.phone ?? ''}</span> : null}
              </div>
              <dl className="dash-answers">
                {Object.entries(c.answers).map(([q, v]) => (
                  <div key={q}><dt>{questions.get(q) ? inLang(questions.get(q)!.text, i18n.language) : q}</dt><dd>{answer(q, v)}</dd></div>
                ))}
              </dl>
              {c.note ? <p className="dash-note">{c.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
