// Call centres and the queue over HTTP (issue 6, first part). The sweep fills :centreId
// and :campaignId from its fixtures.
import { z } from 'zod';
import { actorOf, asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { Id } from '../access/access.schemas.ts';
import * as S from './outreach.schemas.ts';
import { createCampaign, getCampaign, listCampaigns, listCentres, myCentres, patchCampaign } from './campaigns.ts';
import { claimNext, createCentre, queueCounts, recordOutcome, setAgent, setCampaignStatus } from './outreach.service.ts';

const CentreParams = z.object({ centreId: Id });
const CampaignParams = z.object({ campaignId: Id });

export function outreachRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['outreach'];
  r.post('/api/outreach/centres', {
    config: { sweep: { example: (fx) => ({ body: { name: 'Sweep centre', unitId: fx.unitId } }) } },
    schema: { tags, body: S.CentreInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createCentre(tx, a, req.body))));
  r.get('/api/outreach/centres', {
    schema: { tags, response: { 200: z.object({ items: z.array(S.CentreOut) }) } },
  }, (req) => asActor(deps, req, (tx, a) => listCentres(tx, a)));
  r.get('/api/outreach/me/centres', {
    config: { sweep: { self: true } }, // the user's own agent rows: a caller is meant to see them
    schema: { tags, response: { 200: z.object({ items: z.array(S.MyCentre) }) } },
  }, (req) => asActor(deps, req, (tx, a) => myCentres(tx, a)));
  r.put('/api/outreach/centres/:centreId/agents', {
    config: { sweep: { example: (fx) => ({ body: { userId: fx.targetUserId, languages: ['hi'] } }) } },
    schema: { tags, params: CentreParams, body: S.AgentInput, response: { 200: z.object({ centreId: z.number(), userId: z.string() }) } },
  }, (req) => asActor(deps, req, (tx, a) => setAgent(tx, a, req.params.centreId, req.body)));
  r.post('/api/outreach/campaigns', {
    config: { sweep: { example: (fx) => ({ body: { centreId: fx.centreId, name: 'Sweep campaign', startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-02-01T00:00:00Z' } }) } },
    schema: { tags, body: S.CampaignInput, response: { 201: z.object({ id: z.number(), contacts: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createCampaign(tx, a, req.body))));
  r.get('/api/outreach/campaigns', {
    schema: { tags, response: { 200: z.object({ items: z.array(S.CampaignSummary) }) } },
  }, (req) => asActor(deps, req, (tx, a) => listCampaigns(tx, a)));
  r.get('/api/outreach/campaigns/:campaignId', {
    schema: { tags, params: CampaignParams, response: { 200: S.CampaignOut } },
  }, (req) => asActor(deps, req, (tx, a) => getCampaign(tx, a, req.params.campaignId)));
  r.patch('/api/outreach/campaigns/:campaignId', {
    config: { sweep: { example: () => ({ body: { priority: 5 } }) } },
    schema: { tags, params: CampaignParams, body: S.CampaignPatch, response: { 200: S.CampaignOut } },
  }, (req) => asActor(deps, req, (tx, a) => patchCampaign(tx, a, req.params.campaignId, req.body)));
  r.put('/api/outreach/campaigns/:campaignId/status', {
    config: { sweep: { example: () => ({ body: { status: 'paused' } }) } },
    schema: { tags, params: CampaignParams, body: S.CampaignStatus, response: { 200: z.object({ id: z.number(), status: z.string() }) } },
  }, (req) => asActor(deps, req, (tx, a) => setCampaignStatus(tx, a, req.params.campaignId, req.body.status)));
  r.get('/api/outreach/campaigns/:campaignId/queue', {
    schema: { tags, params: CampaignParams, response: { 200: S.QueueCounts } },
  }, (req) => asActor(deps, req, (tx, a) => queueCounts(tx, a, req.params.campaignId)));
  r.post('/api/outreach/centres/:centreId/claim', {
    schema: { tags, params: CentreParams, response: { 200: S.Claimed } },
  }, (req) => claimNext(deps.db, actorOf(req), req.params.centreId)); // one statement, no transaction: see claimNext
  r.post('/api/outreach/calls', {
    config: { sweep: { example: (fx) => ({ body: { idempotencyKey: '00000000-0000-4000-8000-000000000001', campaignId: fx.campaignId, contactId: fx.contactId, outcome: 'busy' } }) } },
    schema: { tags, body: S.OutcomeInput, response: { 200: S.Recorded } },
  }, (req) => recordOutcome(deps.db, actorOf(req), req.body, Boolean(deps.telephony)));
}
