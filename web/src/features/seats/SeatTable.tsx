// The seat table: sortable headers on wide screens, cards on phones (the same rows), paged so a
// 4,000-seat election renders 50 rows at a time.
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { House, Seat, SeatClass } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { seatKey, seatPath, trendDelta, type SortKey } from './seatView.ts';

export const PAGE_SIZE = 50;

/** Percentages with two decimals under 1% (a 71-vote margin is 0.05%, not 0%). */
export function useSmallPercent() {
  const { i18n } = useTranslation();
  const fmt = useFormat();
  return useMemo(() => {
    const fine = new Intl.NumberFormat(i18n.language === 'hi' ? 'hi-IN' : 'en-IN', { maximumFractionDigits: 2 });
    return (n: number | null | undefined) => (n != null && Math.abs(n) < 1 && n !== 0 ? `${fine.format(n)}%` : fmt.percent(n));
  }, [i18n.language, fmt]);
}

export function PartyMark({ code, colour }: { code: string | null; colour: string }) {
  if (!code) return <span className="muted">—</span>;
  return <span className="party-mark"><span className="swatch" style={{ background: colour }} aria-hidden="true" />{code}</span>;
}

export function ClassChips({ classes, closeVotes }: { classes: SeatClass[]; closeVotes: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (classes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="class-chips">
      {classes.map((c) => (
        <li key={c} className={`class-chip class-${c}`}>
          {c === 'lost-close' ? t('seats.chip.lost-close', { votes: fmt.number(closeVotes) }) : t(`seats.chip.${c}`)}
        </li>
      ))}
    </ul>
  );
}

/** The party's share over the compared elections: a tiny line and the latest change. */
export function Trend({ seat, years }: { seat: Seat; years: ReadonlyMap<string, number> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const points = seat.shareTrend.filter((p): p is { election: string; share: number } => p.share !== null);
  const delta = trendDelta(seat);
  const spoken = points.map((p) => `${years.get(p.election) ?? p.election}: ${fmt.percent(p.share)}`).join(', ');
  if (points.length === 0) return <span className="muted">—</span>;
  const w = 48;
  const h = 18;
  const lo = Math.min(...points.map((p) => p.share));
  const hi = Math.max(...points.map((p) => p.share));
  const span = Math.max(hi - lo, 4); // a flat-ish line for small wobbles
  const mid = (hi + lo) / 2;
  const xy = points.map((p, i) => [
    points.length === 1 ? w / 2 : 2 + (i * (w - 4)) / (points.length - 1),
    h / 2 - ((p.share - mid) / span) * (h - 4),
  ]);
  const dir = delta === null ? 'flat' : delta > 0.05 ? 'up' : delta < -0.05 ? 'down' : 'flat';
  return (
    <span className={`trend trend-${dir}`}>
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" className="spark">
        {xy.length > 1 ? <polyline points={xy.map((p) => p.join(',')).join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" /> : null}
        <circle cx={xy[xy.length - 1][0]} cy={xy[xy.length - 1][1]} r="2.5" fill="currentColor" />
      </svg>
      {delta !== null ? (
        <span aria-hidden="true">{dir === 'up' ? '▲' : dir === 'down' ? '▼' : '▶'}{delta > 0 ? '+' : delta < 0 ? '−' : ''}{fmt.number(Math.abs(delta))}</span>
      ) : null}
      <span className="visually-hidden">{t('seats.trendSpoken', { list: spoken })}</span>
    </span>
  );
}

function SortHeader({ label, sortKey, sort, desc, onSort, className }: {
  label: ReactNode; sortKey: SortKey; sort: SortKey; desc: boolean; onSort: (k: SortKey) => void; className?: string;
}) {
  const active = sort === sortKey;
  return (
    <th scope="col" className={className} aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort-btn" onClick={() => onSort(sortKey)} data-testid={`sort-head-${sortKey}`}>
        {label}
        <span className="sort-mark" aria-hidden="true">{active ? (desc ? '▼' : '▲') : '↕'}</span>
      </button>
    </th>
  );
}

export function SeatTable({ seats, house, election, party, sort, desc, onSort, multiState, colour, years, closeVotes }: {
  seats: Seat[]; house: House; election: string; party: string; sort: SortKey; desc: boolean;
  /** Sorts by the column, or flips the order when it already sorts by it. */
  onSort: (k: SortKey) => void; multiState: boolean; colour: (code: string | null) => string;
  years: ReadonlyMap<string, number>; closeVotes: number;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sortProps = { sort, desc, onSort };
  const smallPct = useSmallPercent();
  const lead = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : n < 0 ? '−' : ''}${fmt.number(Math.abs(n))}`);
  return (
    <table className="table table-cards seat-table" data-testid="seat-table">
      <caption className="visually-hidden">{t('seats.tableCaption', { party })}</caption>
      <thead>
        <tr>
          {multiState ? <th scope="col">{t('seats.col.state')}</th> : null}
          <SortHeader label={t('seats.col.no')} sortKey="seat" className="num" {...sortProps} />
          <SortHeader label={t('seats.col.constituency')} sortKey="name" {...sortProps} />
          <th scope="col">{t('seats.col.reserved')}</th>
          <th scope="col">{t('seats.col.winner')}</th>
          <th scope="col">{t('seats.col.runnerUp')}</th>
          <SortHeader label={t('seats.col.margin')} sortKey="margin" className="num" {...sortProps} />
          <SortHeader label={t('seats.col.share', { party })} sortKey="share" className="num" {...sortProps} />
          <SortHeader label={t('seats.col.lead', { party })} sortKey="lead" className="num" {...sortProps} />
          <th scope="col">{t('seats.col.classes')}</th>
          <SortHeader label={t('seats.col.trend')} sortKey="trend" {...sortProps} />
        </tr>
      </thead>
      <tbody>
        {seats.map((s) => (
          <tr key={seatKey(s.state, s.constituencyNo)} data-testid={`seat-row-${s.state}-${s.constituencyNo}`} data-margin={s.marginVotes ?? ''}>
            {multiState ? <td data-label={t('seats.col.state')}>{s.stateName}</td> : null}
            <td data-label={t('seats.col.no')} className="num seat-no">{s.constituencyNo}</td>
            <th scope="row" data-label={t('seats.col.constituency')}>
              <span className="seat-no-inline" aria-hidden="true">{s.constituencyNo}. </span>
              <Link to={seatPath(s.state, house, s.constituencyNo, election, party)} data-testid="seat-link">{s.constituency}</Link>
            </th>
            <td data-label={t('seats.col.reserved')}>{s.reservation === 'GEN' ? <span className="muted">{t('seats.reservation.GEN')}</span> : <span className="badge">{s.reservation}</span>}</td>
            <td data-label={t('seats.col.winner')}>
              <PartyMark code={s.winnerParty} colour={colour(s.winnerParty)} />
              {s.uncontested ? <span className="badge">{t('seats.uncontested')}</span> : null}
              {s.winnerCandidate ? <span className="cell-sub">{s.winnerCandidate}</span> : null}
            </td>
            <td data-label={t('seats.col.runnerUp')}><PartyMark code={s.runnerUpParty} colour={colour(s.runnerUpParty)} /></td>
            <td data-label={t('seats.col.margin')} className="num">
              {fmt.number(s.marginVotes)}<span className="cell-sub">{smallPct(s.marginPct)}</span>
            </td>
            <td data-label={t('seats.col.share', { party })} className="num">
              {fmt.percent(s.partyShare)}
              <span className="cell-sub">{s.partyPosition === null ? t('seats.notInRace') : t('seats.position', { n: s.partyPosition })}</span>
            </td>
            <td data-label={t('seats.col.lead', { party })} className={`num ${s.partyLead === null ? '' : s.partyLead > 0 ? 'lead-pos' : 'lead-neg'}`}>
              {lead(s.partyLead)}
            </td>
            <td data-label={t('seats.col.classes')}><ClassChips classes={s.classes} closeVotes={closeVotes} /></td>
            <td data-label={t('seats.col.trend')}><Trend seat={s} years={years} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Pager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (pages <= 1) return null;
  const from = (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);
  return (
    <nav className="pager" aria-label={t('seats.pager')} data-testid="seat-pager">
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('seats.prev')}</button>
      <span className="pager-text">{t('seats.pageOf', { from: fmt.number(from), to: fmt.number(to), total: fmt.number(total) })}</span>
      <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid="pager-next">{t('seats.next')}</button>
    </nav>
  );
}
