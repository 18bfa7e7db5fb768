// Typed calls of the programmes module (docs/programmes.md): tasks and drives with cascaded targets,
// reports with evidence, notifications. Shapes mirror src/modules/programmes/tasks.schemas.ts.
import { query, request, type Id } from '../../api.ts';

export type TaskKind = 'task' | 'drive';
export type TaskMetric = 'completion' | 'reported' | 'booths_formed' | 'workers_verified' | 'trainees_completed' | 'calls_made';
export type SplitRule = 'equal' | 'booths' | 'electors' | 'manual';
export const METRICS: TaskMetric[] = ['completion', 'reported', 'booths_formed', 'workers_verified', 'trainees_completed', 'calls_made'];
export const SPLIT_RULES: SplitRule[] = ['booths', 'equal', 'electors'];

export interface Progress {
  unitId: number; name: string; nameHi: string | null; level: string; target: number | null; actual: number | null;
  attainment: number | null; isAssignee: boolean; isManual: boolean; isOverdue: boolean; doneAt: string | null; hasChildren: boolean;
}
export interface TaskSummary {
  id: number; kind: TaskKind; title: string; titleHi: string | null; description: string | null; metric: TaskMetric;
  unitLabel: string | null; unitLabelHi: string | null; courseCode: string | null; ownerUnitId: number; ownerName: string | null; splitRule: SplitRule;
  assigneeLevel: string | null; evidenceRequired: boolean; startsOn: string; dueOn: string; status: 'open' | 'closed';
  canManage: boolean; progress: Progress | null;
}
export interface TaskDetail extends TaskSummary {
  breadcrumb: { id: number; name: string; nameHi: string | null }[];
  children: Progress[];
  people: { personId: number; name: string; nameHi: string | null; doneAt: string | null }[];
}
/** A task's figures at one assembly seat (GET /api/tasks/:id/seats), for the map. */
export interface TaskSeat {
  unitId: number; name: string; nameHi: string | null; stateCode: string; stateName: string | null; stateNameHi: string | null;
  constituencyNo: number; target: number | null; actual: number | null; attainment: number | null;
}
export interface TaskInput {
  kind: TaskKind; ownerUnitId: Id; title: string; titleHi?: string | null; description?: string | null; metric: TaskMetric;
  unitLabel?: string | null; unitLabelHi?: string | null; courseCode?: string | null; target?: number | null; splitRule: SplitRule; assigneeLevel?: string | null;
  evidenceRequired: boolean; startsOn?: string | null; dueOn: string;
}
export interface Evidence { id: number; kind: 'photo' | 'document'; fileName: string; mime: string; size: number }
export interface Report {
  id: number; taskId: number; unitId: number; unitName: string; value: number; note: string | null; lat: number | null; lng: number | null;
  reportedBy: string; at: string; evidence: Evidence[];
}
export interface ReportInput {
  unitId: Id; value?: number | null; note?: string | null; lat?: number | null; lng?: number | null;
  evidence: { fileName: string; mime: string; dataBase64: string }[];
}
export type TaskStatus = 'open' | 'overdue' | 'closed' | 'all';
export interface Notification {
  id: number; kind: 'task.assigned' | 'task.escalated' | 'task.due';
  params: { title?: string; titleHi?: string | null; dueOn?: string; unitName?: string; unitNameHi?: string | null; count?: number | null };
  link: string | null; createdAt: string; readAt: string | null;
}

const enc = (v: Id) => encodeURIComponent(String(v));
export const PROG = 'programmes';

export const progApi = {
  tasks: (q: { unitId?: Id; kind?: TaskKind; status?: TaskStatus }) => request<{ items: TaskSummary[] }>('GET', `/api/tasks${query(q)}`),
  task: (id: Id, unitId?: Id) => request<TaskDetail>('GET', `/api/tasks/${enc(id)}${query({ unitId })}`),
  seats: (id: Id, state?: string) => request<{ items: TaskSeat[] }>('GET', `/api/tasks/${enc(id)}/seats${query({ state })}`),
  create: (input: TaskInput) => request<TaskDetail>('POST', '/api/tasks', input),
  update: (id: Id, patch: Partial<Pick<TaskInput, 'title' | 'titleHi' | 'description' | 'dueOn'>> & { status?: 'open' | 'closed' }) =>
    request<TaskDetail>('PATCH', `/api/tasks/${enc(id)}`, patch),
  shares: (id: Id, unitId: Id, shares: { unitId: Id; target: number }[]) => request<TaskDetail>('PUT', `/api/tasks/${enc(id)}/shares`, { unitId, shares }),
  report: (id: Id, input: ReportInput) => request<Report>('POST', `/api/tasks/${enc(id)}/reports`, input),
  reports: (id: Id, unitId?: Id) => request<{ items: Report[] }>('GET', `/api/tasks/${enc(id)}/reports${query({ unitId, limit: 30 })}`),
  personDone: (id: Id, personId: Id) => request<{ doneAt: string }>('POST', `/api/tasks/${enc(id)}/people/${enc(personId)}/done`),
  notifications: () => request<{ items: Notification[]; unread: number }>('GET', '/api/notifications?limit=50'),
  readNotification: (id: Id) => request<{ updated: number }>('POST', `/api/notifications/${enc(id)}/read`),
  readAll: () => request<{ updated: number }>('POST', '/api/notifications/read-all'),
  levels: () => request<{ levels: { level: string; depth: number; name: string; nameHi: string | null }[] }>('GET', '/api/org/config'),
};

/** A photo from the phone's camera, shrunk to at most 1600 px as JPEG before it travels (cheap data plans). */
export async function shrinkPhoto(file: File): Promise<{ fileName: string; mime: string; dataBase64: string }> {
  if (file.type === 'application/pdf') return { fileName: file.name, mime: file.type, dataBase64: await toBase64(file) };
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('photo'))), 'image/jpeg', 0.8));
  return { fileName: file.name.replace(/\.\w+$/, '') + '.jpg', mime: 'image/jpeg', dataBase64: await toBase64(blob) };
}

async function toBase64(blob: Blob): Promise<string> {
  const url = await new Promise<string>((ok) => { const r = new FileReader(); r.onload = () => ok(String(r.result)); r.readAsDataURL(blob); });
  return url.slice(url.indexOf(',') + 1);
}
