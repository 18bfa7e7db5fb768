// One task at one unit: how far the unit has got, its units below ranked from the furthest behind
// (each a drill-down) or, where the task reaches assembly seats, a map of the seats by attainment;
// shares set by hand, the report form where the unit is an assignee, and the latest reports with
// their photos.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Loading, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { PROG, progApi, type TaskDetail } from './api.ts';
import { AttainmentBar, Figures, useTaskTitle } from './parts.tsx';
import { ReportForm, ReportsFeed } from './ReportForm.tsx';
import { SharesEditor } from './SharesEditor.tsx';

const TaskSeatMap = lazy(() => import('./TaskSeatMap.tsx'));

// An open drive's coverage moves as booths report: refresh every 30 s while the page is open.
const LIVE_MS = 30_000;
const isLive = (t: Pick<TaskDetail, 'kind' | 'status'> | undefined) => t?.kind === 'drive' && t.status === 'open';

export default function TaskPage() {
  const { taskId } = useParams();
  const [params] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const task = useQuery({ queryKey: [PROG, 'task', taskId, unit], queryFn: () => progApi.task(taskId!, unit),
    refetchInterval: (q) => (isLive(q.state.data) ? LIVE_MS : false) });
  return <QueryGate query={task}>{() => <TaskBody task={task.data!} />}</QueryGate>;
}

type View = 'list' | 'map';

function TaskBody({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const title = useTaskTitle();
  const session = useSignedIn();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'map' ? 'map' : 'list';
  // The seats the reader can see; none (assignees above the seats, or a booth's own view): no map.
  const seats = useQuery({ queryKey: [PROG, 'task-seats', task.id], queryFn: () => progApi.seats(task.id),
    refetchInterval: view === 'map' && isLive(task) ? LIVE_MS : false });
  const hasMap = (seats.data?.items.length ?? 0) > 0;
  const setView = (next: View) => setParams((cur) => {
    const q = new URLSearchParams(cur);
    if (next === 'map') q.set('view', 'map'); else { q.delete('view'); q.delete('state'); }
    return q;
  }, { replace: true });
  const setState = (state: string | null) => setParams((cur) => {
    const q = new URLSearchParams(cur);
    if (state) q.set('state', state); else q.delete('state');
    return q;
  }, { replace: true });
  const p = task.progress!;
  const canReport = p.isAssignee && can(session, 'programmes.write') && task.status === 'open';
  const close = useMutation({
    mutationFn: () => progApi.update(task.id, { status: task.status === 'open' ? 'closed' : 'open' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [PROG] }),
  });
  const done = useMutation({ mutationFn: (personId: number) => progApi.personDone(task.id, personId), onSuccess: () => qc.invalidateQueries({ queryKey: [PROG] }) });
  const children = [...task.children].sort((a, b) => (a.attainment ?? 2) - (b.attainment ?? 2) || a.name.localeCompare(b.name));
  return (
    <>
      <nav className="crumbs" aria-label={t('prog.breadcrumb')}>
        <Link to="/programmes">{t('prog.title')}</Link>
        {task.breadcrumb.map((c) => <span key={c.id}> › <Link to={`/programmes/tasks/${task.id}?unit=${c.id}`}>{local(c.name, c.nameHi)}</Link></span>)}
      </nav>
      <PageHeading testId="task" actions={task.canManage ? (
        <button type="button" className="btn" onClick={() => close.mutate()} data-testid="task-close">{task.status === 'open' ? t('prog.close') : t('prog.reopen')}</button>) : null}>
        {title(task)}
      </PageHeading>
      <div className="task-meta">
        {task.kind === 'drive' ? <span className="badge badge-drive">{t('prog.kind.drive')}</span> : null}
        {p.isOverdue ? <span className="badge badge-overdue">{t('prog.overdue')}</span> : null}
        <span>{task.kind === 'drive' ? t('prog.window', { from: fmt.date(task.startsOn), to: fmt.date(task.dueOn) }) : t('prog.due', { date: fmt.date(task.dueOn) })}</span>
        <span>{t(`prog.metric.${task.metric}`)}</span>
        {task.ownerName ? <span>{t('prog.ownedBy', { unit: task.ownerName })}</span> : null}
      </div>
      {task.description ? <p>{task.description}</p> : null}
      <section className="card section" data-testid="task-progress">
        <h2 className="sub-h">{local(p.name, p.nameHi)}</h2>
        {p.target !== null ? <><AttainmentBar attainment={p.attainment} /><Figures p={p} task={task} /></> : null}
        {p.doneAt ? <p className="notice notice-ok">{t('prog.reportedAt', { at: fmt.dateTime(p.doneAt) })}</p> : null}
      </section>
      {canReport ? <ReportForm task={task} unitId={p.unitId} /> : null}
      {hasMap ? <ViewTabs view={view} onView={setView} /> : null}
      {hasMap && view === 'map' ? (
        <section className="section" id="task-panel-map" role="tabpanel" aria-labelledby="task-tab-map">
          <Suspense fallback={<Loading />}>
            <TaskSeatMap task={task} seats={seats.data!.items} state={params.get('state')} onState={setState} />
          </Suspense>
        </section>
      ) : children.length === 0 ? (
        hasMap ? <p className="empty-line" id="task-panel-list" role="tabpanel" aria-labelledby="task-tab-list">{t('prog.none')}</p> : null
      ) : (
        <section className="section" {...(hasMap ? { id: 'task-panel-list', role: 'tabpanel', 'aria-labelledby': 'task-tab-list' } : {})}>
          <div className="results-bar">
            <h2 className="sub-h">{t('prog.below', { count: children.length })}</h2>
            {task.canManage && task.metric !== 'completion' ? <button type="button" className="btn btn-small" onClick={() => setEditing(!editing)} data-testid="shares-edit">{editing ? t('prog.sharesDone') : t('prog.sharesEdit')}</button> : null}
          </div>
          {editing ? <SharesEditor task={task} onSaved={() => setEditing(false)} /> : (
            <div className="table-scroll">
              <table className="table" data-testid="task-children">
                <thead><tr><th>{t('prog.unit')}</th><th>{t('prog.target')}</th><th>{t('prog.actual')}</th><th>{t('prog.attainment')}</th></tr></thead>
                <tbody>
                  {children.map((c) => (
                    <tr key={c.unitId} data-testid={`child-${c.unitId}`}>
                      <td>{c.hasChildren ? <Link to={`/programmes/tasks/${task.id}?unit=${c.unitId}`}>{local(c.name, c.nameHi)}</Link> : local(c.name, c.nameHi)}
                        {c.isManual ? <span className="cell-sub"> · {t('prog.byHand')}</span> : null}
                        {c.isOverdue ? <span className="badge badge-overdue">{t('prog.overdue')}</span> : null}</td>
                      <td className="num">{fmt.number(c.target)}</td><td className="num">{fmt.number(c.actual)}</td>
                      <td><AttainmentBar attainment={c.attainment} /></td>
                    </tr>))}
                </tbody>
              </table>
            </div>)}
        </section>)}
      {task.people.length > 0 ? (
        <section className="section">
          <h2 className="sub-h">{t('prog.people')}</h2>
          <ul className="plain-list">
            {task.people.map((x) => <li key={x.personId}>{local(x.name, x.nameHi)} — {x.doneAt ? t('prog.doneAt', { at: fmt.dateTime(x.doneAt) })
              : <button type="button" className="btn btn-small" onClick={() => done.mutate(x.personId)}>{t('prog.markDone')}</button>}</li>)}
          </ul>
          <ProblemNotice error={done.error} />
        </section>) : null}
      <ReportsFeed taskId={task.id} unitId={p.unitId} />
      <ProblemNotice error={close.error} />
    </>
  );
}

/** List or map: tabs, with the arrow keys moving between them. */
function ViewTabs({ view, onView }: { view: View; onView: (v: View) => void }) {
  const { t } = useTranslation();
  const views: View[] = ['list', 'map'];
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    const next = views[(views.indexOf(view) + 1) % views.length];
    onView(next);
    requestAnimationFrame(() => document.getElementById(`task-tab-${next}`)?.focus());
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('prog.map.viewAs')}>
      {views.map((k) => (
        <button key={k} id={`task-tab-${k}`} type="button" role="tab" className="tab" aria-selected={view === k} aria-controls={`task-panel-${k}`}
          tabIndex={view === k ? 0 : -1} onClick={() => onView(k)} onKeyDown={onKey} data-testid={`task-tab-${k}`}>
          {k === 'list' ? t('prog.map.tabList') : t('prog.map.tabMap')}
        </button>
      ))}
    </div>
  );
}
