// The review: one unit's scorecard — target against actual for every task that reaches it, the units
// below ranked (click to drill down), who is lacking and who did well, the trend since the last
// recorded review — and the deck for the meeting as PDF or XLSX, in the reader's language.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Loading, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { useSignedIn } from '../../session.ts';
import { AttainmentBar } from '../programmes/parts.tsx';
import { reviewApi, type ChildRow, type Scorecard } from './api.ts';

const RankChart = lazy(() => import('./RankChart.tsx'));

export default function ReviewPage() {
  const session = useSignedIn();
  const [params] = useSearchParams();
  const unit = params.get('unit') ?? String(session.grants[0]?.unitId ?? '');
  const card = useQuery({ queryKey: ['review', unit], queryFn: () => reviewApi.scorecard(unit), enabled: !!unit });
  return <QueryGate query={card}>{() => <ScorecardView card={card.data!} />}</QueryGate>;
}

function Trend({ now, before }: { now: number | null; before: number | null }) {
  const { t } = useTranslation();
  if (now === null || before === null) return null;
  const d = Math.round((now - before) * 1000) / 10;
  if (d === 0) return <span className="muted">{t('review.same')}</span>;
  return <span className={d > 0 ? 'trend-up' : 'trend-down'}>{d > 0 ? '▲' : '▼'} {Math.abs(d)} {t('review.points')}</span>;
}

function ScorecardView({ card }: { card: Scorecard }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const record = useMutation({ mutationFn: () => reviewApi.record(card.unit.id), onSuccess: (c) => qc.setQueryData(['review', String(card.unit.id)], c) });
  const title = (m: { title: string; titleHi: string | null }) => (i18n.language === 'hi' && m.titleHi ? m.titleHi : m.title);
  const taskTitle = (id: number | null) => { const m = card.metrics.find((x) => x.taskId === id); return m ? title(m) : ''; };
  const pick = (id: number) => navigate(`/review?unit=${id}`);
  return (
    <>
      <nav className="crumbs" aria-label={t('prog.breadcrumb')}>
        {card.breadcrumb.map((c) => <span key={c.id}><Link to={`/review?unit=${c.id}`}>{local(c.name, c.nameHi)}</Link> › </span>)}
      </nav>
      <PageHeading testId="review" actions={<>
        <a className="btn" href={reviewApi.deckUrl(card.unit.id, 'pdf', i18n.language)} data-testid="review-pdf">{t('review.pdf')}</a>
        <a className="btn" href={reviewApi.deckUrl(card.unit.id, 'xlsx', i18n.language)} data-testid="review-xlsx">{t('review.xlsx')}</a>
        <button type="button" className="btn btn-primary" onClick={() => record.mutate()} disabled={record.isPending} data-testid="review-record">{t('review.record')}</button>
      </>}>{t('review.titleOf', { unit: local(card.unit.name, card.unit.nameHi) })}</PageHeading>
      <ProblemNotice error={record.error} />
      <div className="score-head card section" data-testid="review-overall">
        <span className="score-big">{fmt.percent(card.attainment === null ? null : Math.round(card.attainment * 1000) / 10)}</span>
        <span>{t('review.overall')}</span>
        <Trend now={card.attainment} before={card.previousAttainment} />
        <span className="muted small">{card.lastReviewAt ? t('review.since', { at: fmt.dateTime(card.lastReviewAt) }) : t('review.firstReview')}</span>
      </div>
      {card.metrics.length === 0 ? <p className="empty-line" data-testid="review-empty">{t('review.noTargets')}</p> : (
        <section className="section">
          <h2 className="sub-h">{t('review.metrics')}</h2>
          <div className="table-scroll">
            <table className="table" data-testid="review-metrics">
              <thead><tr><th>{t('review.metric')}</th><th className="num">{t('prog.target')}</th><th className="num">{t('prog.actual')}</th><th>{t('prog.attainment')}</th><th>{t('review.trend')}</th></tr></thead>
              <tbody>
                {card.metrics.map((m) => (
                  <tr key={m.taskId}>
                    <td><Link to={`/programmes/tasks/${m.taskId}?unit=${card.unit.id}`}>{title(m)}</Link>{m.isOverdue ? <span className="badge badge-overdue">{t('prog.overdue')}</span> : null}
                      <span className="cell-sub"> · {t('prog.due', { date: fmt.date(m.dueDate) })}</span></td>
                    <td className="num">{fmt.number(m.target)}</td><td className="num">{fmt.number(m.actual)}</td>
                    <td><AttainmentBar attainment={m.attainment} /></td><td><Trend now={m.attainment} before={m.previousAttainment} /></td>
                  </tr>))}
              </tbody>
            </table>
          </div>
        </section>)}
      {card.children.length > 0 ? (
        <div className="two-col">
          <section className="section card">
            <h2 className="sub-h">{t('review.ranked', { count: card.children.length })}</h2>
            <Suspense fallback={<Loading />}><RankChart rows={card.children} onPick={pick} /></Suspense>
          </section>
          <div>
            <Shortlist testId="review-lacking" title={t('review.lacking')} rows={card.lacking} why={(c) => t('review.worst', { task: taskTitle(c.worstTaskId) })} />
            <Shortlist testId="review-did-well" title={t('review.didWell')} rows={card.didWell} />
          </div>
        </div>) : null}
    </>
  );
}

function Shortlist({ title, rows, why, testId }: { title: string; rows: ChildRow[]; why?: (c: ChildRow) => string; testId: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  return (
    <section className="section card" data-testid={testId}>
      <h2 className="sub-h">{title}</h2>
      {rows.length === 0 ? <p className="muted">{t('review.nobody')}</p> : (
        <ol className="rank-list">
          {rows.map((c) => (
            <li key={c.id}><span>{c.rank}</span><span><Link to={`/review?unit=${c.id}`}>{local(c.name, c.nameHi)}</Link>
              {why && c.worstTaskId ? <span className="cell-sub"> · {why(c)}</span> : null}</span><AttainmentBar attainment={c.attainment} /></li>))}
        </ol>)}
    </section>
  );
}
