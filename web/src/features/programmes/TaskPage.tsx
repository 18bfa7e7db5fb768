// One task at one unit: how far the unit has got, its units below ranked from the furthest behind
// (each a drill-down), shares set by hand, the report form where the unit is an assignee, and the
// latest reports with their photos.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { PROG, progApi, type TaskDetail } from './api.ts';
import { AttainmentBar, Figures, useTaskTitle } from './parts.tsx';
import { ReportForm, ReportsFeed } from './ReportForm.tsx';
import { SharesEditor } from './SharesEditor.tsx';

export default function TaskPage() {
  const { taskId } = useParams();
  const [params] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  // An open drive's coverage moves as booths report: refresh every 30 s while the page is open.
  const task = useQuery({ queryKey: [PROG, 'task', taskId, unit], queryFn: () => progApi.task(taskId!, unit),
    refetchInterval: (q) => (q.state.data?.kind === 'drive' && q.state.data.status === 'open' ? 30_000 : false) });
  return <QueryGate query={task}>{() => <TaskBody task={task.data!} />}</QueryGate>;
}

function TaskBody({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const title = useTaskTitle();
  const session = useSignedIn();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
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
      {children.length > 0 ? (
        <section className="section">
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
        </section>) : null}
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
