// The manager's dashboard over HTTP (issue 6): the numbers, a live stream that says when they changed,
// and the to-do list of calls needing an organiser.
import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { Id } from '../access/access.schemas.ts';
import { requireCampaign } from './campaigns.ts';
import { latestCall } from './dashboard.ts';
import { getDashboardShared } from './dashboard-cache.ts';
import * as S from './dashboard.schemas.ts';
import { openLiveStream } from './live.ts';
import { findTodo, resolveCall } from './todo.ts';

const CampaignParams = z.object({ campaignId: Id });
const CallParams = z.object({ callId: Id });

export function dashboardRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['outreach'];
  const streams = new Set<() => void>();
  // Open streams would keep server.close() waiting: end them first (each EventSource reconnects elsewhere).
  app.addHook('preClose', async () => { for (const end of [...streams]) end(); });

  r.get('/api/outreach/campaigns/:campaignId/dashboard', {
    schema: { tags, params: CampaignParams, querystring: S.DashboardQuery, response: { 200: S.Dashboard } },
  }, (req) => asActor(deps, req, (tx, a) => getDashboardShared(tx, a, req.params.campaignId, req.query)));

  r.get('/api/outreach/campaigns/:campaignId/live', {
    // once=1 sends one event and ends: what the sweep and tests call (inject waits for the end).
    config: { sweep: { example: () => ({ query: { once: '1' } }) } },
    schema: { tags, params: CampaignParams, querystring: S.LiveQuery,
      description: 'Server-sent events: `tick` with the newest call whenever it changes (and once at the start), comments as heartbeats.' },
  }, async (req, reply) => {
    const id = req.params.campaignId;
    // Each probe is its own short transaction as the actor, and re-checks the campaign's permission.
    const probe = () => asActor(deps, req, async (tx, a) => {
      await requireCampaign(tx, a, id, 'outreach.manage');
      return latestCall(tx, a, id);
    });
    const first = await probe(); // a refused actor gets 404 here, before anything is streamed
    openLiveStream(req, reply, { first, probe, once: req.query.once === '1', streams });
  });

  r.get('/api/outreach/todo', {
    schema: { tags, querystring: S.TodoQuery, response: { 200: S.Todo } },
  }, (req) => asActor(deps, req, (tx, a) => findTodo(tx, a, req.query.campaignId)));

  r.put('/api/outreach/calls/:callId/resolved', {
    config: { sweep: { example: () => ({ body: { resolution: 'Sweep: the organiser called back' } }) } },
    schema: { tags, params: CallParams, body: S.ResolveInput, response: { 200: S.Resolved } },
  }, (req) => asActor(deps, req, (tx, a) => resolveCall(tx, a, req.params.callId, req.body.resolution)));
}
