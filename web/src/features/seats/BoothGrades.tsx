// Booth grades of one assembly constituency for a party, from its Form 20 results: how many booths
// it wins handsomely (A), wins (B), loses narrowly (C) or loses badly (D), and which ones.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type BoothGrade } from '../../api.ts';
import { Loading, ProblemNotice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { GRADE_COLOURS } from './colours.ts';

type Grade = BoothGrade['grade'];
const GRADES: Grade[] = ['A', 'B', 'C', 'D'];

export function BoothGrades({ stateCode, acNo, election, party }: { stateCode: string; acNo: number; election: string; party: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [only, setOnly] = useState<Grade | null>(null);
  const grades = useQuery({
    queryKey: ['booth-grades', stateCode, acNo, election, party],
    queryFn: () => api.boothGrades(stateCode, acNo, election, party),
    staleTime: 5 * 60_000,
  });
  if (grades.isPending) return <Loading />;
  if (grades.error) return <ProblemNotice error={grades.error} />;
  const items = grades.data.items;
  if (items.length === 0) return <p className="muted" data-testid="booth-grades-none">{t('constituency.noBooths')}</p>;

  const counts = Object.fromEntries(GRADES.map((g) => [g, items.filter((b) => b.grade === g).length])) as Record<Grade, number>;
  const shown = only ? items.filter((b) => b.grade === only) : items;
  const lead = (b: BoothGrade) => (b.total > 0 ? ((b.partyVotes - b.bestOtherVotes) / b.total) * 100 : null);
  const summary = t('constituency.gradeSummary', {
    count: items.length, n: fmt.number(items.length), a: fmt.number(counts.A), b: fmt.number(counts.B), c: fmt.number(counts.C), d: fmt.number(counts.D),
  });

  return (
    <div className="booth-grades" data-testid="booth-grades">
      <div className="tiles grade-tiles" role="group" aria-label={t('constituency.gradeFilter')}>
        {GRADES.map((g) => (
          <button key={g} type="button" className={`tile tile-btn grade-tile grade-${g}`} aria-pressed={only === g}
            onClick={() => setOnly(only === g ? null : g)} data-testid={`grade-${g}`} data-count={counts[g]}>
            <span className="tile-value">
              <span className="grade-letter" style={{ background: GRADE_COLOURS[g] }} aria-hidden="true">{g}</span>
              {fmt.number(counts[g])}
              <span className="grade-pct">{fmt.percent((counts[g] / items.length) * 100)}</span>
            </span>
            <span className="tile-label">{t(`constituency.grade.${g}`)}</span>
          </button>
        ))}
      </div>
      <p className="muted small">{only ? t('constituency.gradeOnly', { grade: only }) : t('constituency.gradeHint')}</p>
      <div className="booth-grid" role="img" aria-label={summary} data-testid="booth-grid">
        {shown.map((b) => (
          <span key={b.partNo} className={`booth booth-${b.grade}`} style={{ background: GRADE_COLOURS[b.grade] }}
            title={t('constituency.boothTitle', { no: b.partNo, grade: b.grade, mine: fmt.number(b.partyVotes), other: fmt.number(b.bestOtherVotes), total: fmt.number(b.total) })}>
            {b.grade}
          </span>
        ))}
      </div>
      <details className="chart-table">
        <summary>{t('constituency.boothTable', { count: shown.length, n: fmt.number(shown.length) })}</summary>
        <div className="table-scroll">
          <table className="table table-compact" data-testid="booth-table">
            <caption className="visually-hidden">{summary}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">{t('constituency.booth')}</th>
                <th scope="col">{t('constituency.gradeCol')}</th>
                <th scope="col" className="num">{t('constituency.partyVotes', { party })}</th>
                <th scope="col" className="num">{t('constituency.bestOther')}</th>
                <th scope="col" className="num">{t('constituency.total')}</th>
                <th scope="col" className="num">{t('constituency.leadPts')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((b) => {
                const l = lead(b);
                return (
                  <tr key={b.partNo}>
                    <th scope="row" className="num">{b.partNo}</th>
                    <td><span className="grade-letter" style={{ background: GRADE_COLOURS[b.grade] }}>{b.grade}</span></td>
                    <td className="num">{fmt.number(b.partyVotes)}</td>
                    <td className="num">{fmt.number(b.bestOtherVotes)}</td>
                    <td className="num">{fmt.number(b.total)}</td>
                    <td className="num">{l === null ? '—' : `${l > 0 ? '+' : l < 0 ? '−' : ''}${fmt.number(Math.round(Math.abs(l) * 10) / 10)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
