// Programmes: the tasks and drives that reach the user's units, with how far each has got there.
// A booth president sees their own share; a state organiser their state's; filters live in the address.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router-dom';
import { PageHeading, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { can, useSignedIn } from '../../session.ts';
import { PROG, progApi, type TaskKind, type TaskStatus, type TaskSummary } from './api.ts';
import { AttainmentBar, Figures, useTaskTitle } from './parts.tsx';
import TaskForm from './TaskForm.tsx';
import TaskPage from './TaskPage.tsx';

const STATUSES: TaskStatus[] = ['open', 'overdue', 'closed', 'all'];

export default function ProgrammesPage() {
  return (
    <Routes>
      <Route index element={<TaskList />} />
      <Route path="new" element={<TaskForm />} />
      <Route path="tasks/:taskId" element={<TaskPage />} />
    </Routes>
  );
}

function TaskList() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as TaskStatus) : 'open';
  const kind = params.get('kind') === 'task' || params.get('kind') === 'drive' ? (params.get('kind') as TaskKind) : undefined;
  const tasks = useQuery({ queryKey: [PROG, 'tasks', status, kind], queryFn: () => progApi.tasks({ status, kind }), placeholderData: keepPreviousData });
  const set = (k: string, v: string | null) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n, { replace: true }); };
  return (
    <>
      <PageHeading testId="programmes" actions={can(session, 'programmes.write') ? <Link className="btn btn-primary" to="/programmes/new" data-testid="task-new">{t('prog.newTask')}</Link> : null}>
        {t('prog.title')}
      </PageHeading>
      <p className="muted">{t('prog.intro')}</p>
      <div className="tabs" role="tablist">
        {STATUSES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={s === status} className={`tab${s === status ? ' active' : ''}`} onClick={() => set('status', s === 'open' ? null : s)} data-testid={`tasks-${s}`}>
            {t(`prog.status.${s}`)}
          </button>
        ))}
        <select aria-label={t('prog.kindFilter')} value={kind ?? ''} onChange={(e) => set('kind', e.target.value || null)} data-testid="tasks-kind">
          <option value="">{t('prog.allKinds')}</option>
          <option value="task">{t('prog.kind.task')}</option>
          <option value="drive">{t('prog.kind.drive')}</option>
        </select>
      </div>
      <QueryGate query={tasks}>
        {() => (tasks.data!.items.length === 0
          ? <p className="empty-line" data-testid="tasks-empty">{t('prog.none')}</p>
          : <ul className="task-list" data-testid="task-list">{tasks.data!.items.map((task) => <TaskCard key={task.id} task={task} />)}</ul>)}
      </QueryGate>
    </>
  );
}

function TaskCard({ task }: { task: TaskSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = useTaskTitle();
  const local = useLocalName();
  const p = task.progress;
  return (
    <li className="task-card" data-testid={`task-${task.id}`}>
      <h3><Link to={`/programmes/tasks/${task.id}${p ? `?unit=${p.unitId}` : ''}`}>{title(task)}</Link></h3>
      <div className="task-meta">
        {task.kind === 'drive' ? <span className="badge badge-drive">{t('prog.kind.drive')}</span> : null}
        {p?.isOverdue ? <span className="badge badge-overdue">{t('prog.overdue')}</span> : null}
        {task.status === 'closed' ? <span className="badge">{t('prog.status.closed')}</span> : null}
        <span>{t('prog.due', { date: fmt.date(task.dueOn) })}</span>
        {p ? <span>{local(p.name, p.nameHi)}</span> : null}
      </div>
      {p && p.target !== null ? (<><AttainmentBar attainment={p.attainment} /><Figures p={p} task={task} /></>) : null}
    </li>
  );
}
