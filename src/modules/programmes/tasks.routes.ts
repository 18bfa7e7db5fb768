// Tasks, drives, reports and evidence over HTTP (docs/programmes.md).
import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { pathsWith } from '../access/access.ts';
import * as S from './tasks.schemas.ts';
import { createTask, findTasks, getTask, removeTask, updateTask } from './tasks.service.ts';
import { findReports, getEvidence, markPersonDone, reportOnTask } from './task-reports.service.ts';
import { escalateOverdue, setShares } from './task-shares.ts';
import { findTaskSeats } from './task-seats.ts';

// A report carries up to four photos or documents (5 MB each, base64).
const REPORT_BODY_LIMIT = 30 * 1024 * 1024;

export function tasksRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['programmes'];
  r.get('/api/tasks', { schema: { tags, querystring: S.TasksQuery, response: { 200: S.Tasks } } },
    (req) => asActor(deps, req, (tx, a) => findTasks(tx, a, req.query)));
  r.post('/api/tasks', {
    config: { sweep: { example: (fx) => ({ body: { ownerUnitId: fx.unitId, title: 'Sweep task', assigneeLevel: 'booth', dueOn: '2099-01-01' } }) } },
    schema: { tags, body: S.TaskInput, response: { 201: S.TaskDetail } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createTask(tx, a, req.body))));
  // Bulk creation: all or nothing; a problem names the task by its index ("3.dueOn").
  r.post('/api/tasks/bulk', {
    config: { sweep: { example: (fx) => ({ body: [{ ownerUnitId: fx.unitId, title: 'Sweep bulk task', assigneeLevel: 'booth', dueOn: '2099-01-01' }] }) } },
    schema: { tags, body: z.array(S.TaskInput).min(1).max(200), response: { 201: z.object({ ids: z.array(z.number()) }) } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, async (tx, a) => {
    const ids: number[] = [];
    for (const t of req.body) ids.push((await createTask(tx, a, t)).id);
    return { ids };
  })));
  r.post('/api/tasks/escalate', { schema: { tags, response: { 200: z.object({ tasks: z.number(), notified: z.number() }) } } },
    (req) => asActor(deps, req, async (tx, a) => {
      const out = { tasks: 0, notified: 0 };
      for (const path of pathsWith(a, 'programmes.write')) {
        const r1 = await escalateOverdue(tx, a, path);
        out.tasks += r1.tasks; out.notified += r1.notified;
      }
      if (pathsWith(a, 'programmes.write').length === 0) await escalateOverdue(tx, a); // refuses: no grant
      return out;
    }));
  r.get('/api/tasks/:taskId', { schema: { tags, params: S.TaskParams, querystring: S.TaskQuery, response: { 200: S.TaskDetail } } },
    (req) => asActor(deps, req, (tx, a) => getTask(tx, a, req.params.taskId, req.query)));
  // The task per assembly seat, for the map; empty when its assignees are above the seats.
  r.get('/api/tasks/:taskId/seats', {
    config: { sweep: { example: () => ({ query: { state: 'T01' } }) } },
    schema: { tags, params: S.TaskParams, querystring: S.TaskSeatsQuery, response: { 200: S.TaskSeats } },
  }, (req) => asActor(deps, req, (tx, a) => findTaskSeats(tx, a, req.params.taskId, req.query)));
  r.patch('/api/tasks/:taskId', {
    config: { sweep: { example: () => ({ body: { description: 'Sweep description' } }) } },
    schema: { tags, params: S.TaskParams, body: S.TaskPatch, response: { 200: S.TaskDetail } },
  }, (req) => asActor(deps, req, (tx, a) => updateTask(tx, a, req.params.taskId, req.body)));
  r.put('/api/tasks/:taskId/shares', {
    config: { sweep: { example: (fx) => ({ body: { unitId: fx.taskUnitId, shares: [{ unitId: fx.taskChildUnitId, target: 10 }] } }) } },
    schema: { tags, params: S.TaskParams, body: S.SplitInput, response: { 200: S.TaskDetail } },
  }, (req) => asActor(deps, req, (tx, a) => setShares(tx, a, req.params.taskId, req.body)));
  r.post('/api/tasks/:taskId/reports', {
    bodyLimit: REPORT_BODY_LIMIT,
    config: { sweep: { example: (fx) => ({ body: { unitId: fx.taskAssigneeUnitId, value: 3, note: 'Sweep report' } }) } },
    schema: { tags, params: S.TaskParams, body: S.ReportInput, response: { 201: S.Report } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => reportOnTask(tx, a, req.params.taskId, req.body))));
  r.get('/api/tasks/:taskId/reports', { schema: { tags, params: S.TaskParams, querystring: S.ReportsQuery, response: { 200: S.Reports } } },
    (req) => asActor(deps, req, (tx, a) => findReports(tx, a, req.params.taskId, req.query)));
  r.post('/api/tasks/:taskId/people/:personId/done', { schema: { tags, params: S.PersonDoneParams, response: { 200: z.object({ doneAt: z.string() }) } } },
    (req) => asActor(deps, req, (tx, a) => markPersonDone(tx, a, req.params.taskId, req.params.personId)));
  r.get('/api/evidence/:evidenceId', { schema: { tags, params: S.EvidenceParams } }, async (req, reply) => {
    const file = await asActor(deps, req, (tx, a) => getEvidence(tx, a, req.params.evidenceId));
    // Served as an attachment unless it is a picture, and never sniffed into something else.
    const inline = file.mime.startsWith('image/');
    return reply.type(file.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'private, max-age=3600')
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${encodeURIComponent(file.fileName)}"`).send(file.bytes);
  });
  // Last: the security sweep's owner call deletes its fixture.
  r.delete('/api/tasks/:taskId', { schema: { tags, params: S.TaskParams } }, async (req, reply) => {
    await asActor(deps, req, (tx, a) => removeTask(tx, a, req.params.taskId));
    return reply.code(204).send();
  });
}
