// Coverage per seat as a table that becomes one card per seat on a phone: class, organisation,
// visits and days in the window, the last central leader's visit and the next planned one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../format.ts';
import type { Coverage } from './api.ts';

const PAGE = 100;

export function CoverageTable({ data }: { data: Coverage }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [shown, setShown] = useState(PAGE);
  if (data.items.length === 0) return <p className="empty-line" data-testid="cov-none">{t('tours.cov.none')}</p>;
  const seatLink = (s: Coverage['items'][number]) => `/seats/${s.stateCode}/${s.house}/${s.constituencyNo}?election=${encodeURIComponent(data.election)}&party=${encodeURIComponent(data.party)}`;
  return (
    <>
      <p className="result-count">{t('org.countN', { n: fmt.number(data.items.length) })}</p>
      <div className="table-scroll">
        <table className="table table-cards tours-cov-table" data-testid="cov-table">
          <thead>
            <tr>
              <th scope="col">{t('tours.cov.seat')}</th><th scope="col">{t('tours.cov.class')}</th><th scope="col" className="num">{t('tours.cov.committees')}</th>
              <th scope="col" className="num">{t('tours.cov.visits')}</th><th scope="col" className="num">{t('tours.cov.daysSpent')}</th>
              <th scope="col">{t('tours.cov.lastCentral')}</th><th scope="col">{t('tours.cov.next')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.slice(0, shown).map((s) => (
              <tr key={`${s.stateCode}:${s.constituencyNo}`} data-testid={`cov-seat-${s.constituencyNo}`} className={s.isWeak && !s.centralVisited ? 'tours-gap' : undefined}>
                <th scope="row" data-label={t('tours.cov.seat')}>
                  <span>
                    <Link to={seatLink(s)}>{s.constituencyNo} · {s.name}</Link>
                    {s.isWeak ? <span className="badge badge-weak" title={s.weakBecause.map((w) => t(`tours.cov.because.${w}`)).join(', ')}>{t('tours.cov.weak')}</span> : null}
                  </span>
                </th>
                <td data-label={t('tours.cov.class')}>{s.classes.length ? s.classes.map((c) => t(`seats.chip.${c}`, { votes: fmt.number(5000) })).join(', ') : '—'}</td>
                <td data-label={t('tours.cov.committees')} className="num">{s.booths == null ? '—' : `${fmt.number(s.boothsFormed)} / ${fmt.number(s.booths)}`}</td>
                <td data-label={t('tours.cov.visits')} className="num">{fmt.number(s.visits)}</td>
                <td data-label={t('tours.cov.daysSpent')} className="num" data-testid="cov-days-cell">{fmt.number(s.days)}</td>
                <td data-label={t('tours.cov.lastCentral')} data-testid="cov-last-central">{s.lastCentralVisitOn ? fmt.date(s.lastCentralVisitOn) : t('tours.cov.never')}</td>
                <td data-label={t('tours.cov.next')}>{s.nextVisitOn ? fmt.date(s.nextVisitOn) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.items.length > shown ? <button type="button" className="btn org-tap" onClick={() => setShown((n) => n + PAGE)}>{t('tours.cov.more')}</button> : null}
    </>
  );
}
