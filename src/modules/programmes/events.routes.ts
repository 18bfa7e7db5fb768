// Events, trainings and conferences over HTTP (docs/programmes.md). Each route opens one transaction as
// the actor and calls a use case; the security sweep fills :eventId, :personId and :sessionNo from its
// fixtures (a training in tenant A's S1 subtree with a registered invitee).
import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import * as S from './events.schemas.ts';
import { createEvent, createEvents, findEvents, getEvent, inviteAgain, previewRules, updateEvent } from './events.service.ts';
import { checkInByToken, checkInPerson, credentialSvg, findInvitees, register, setRsvp } from './events-checkin.ts';
import { eventBreakdown } from './events-counts.ts';
import { findBadges } from './events-badges.ts';
import { renderBadgesPdf } from './events-badges-pdf.ts';
import { findRequirements, findTrainingGaps, markCompletion, setRequirement } from './events-training.ts';

const tags = ['events'];
const when = { startsAt: '2030-01-10T04:30:00Z', endsAt: '2030-01-10T10:30:00Z' };

function trainingRoutes(app: App, deps: Deps) {
  const r = typed(app);
  r.get('/api/events/requirements', { schema: { tags, response: { 200: S.Requirements } } },
    (req) => asActor(deps, req, (tx, a) => findRequirements(tx, a)));
  r.put('/api/events/requirements', {
    config: { sweep: { example: () => ({ body: { level: 'booth', code: 'booth_president', course: 'sweep_course' } }) } },
    schema: { tags, body: S.RequirementBody, response: { 200: S.Requirements } },
  }, (req) => asActor(deps, req, (tx, a) => setRequirement(tx, a, req.body)));
  r.get('/api/events/training-gaps', {
    config: { sweep: { example: (fx) => ({ query: { unitId: String(fx.unitId), level: 'booth', code: 'member' } }) } },
    schema: { tags, querystring: S.GapsQuery, response: { 200: S.Gaps } },
  }, (req) => asActor(deps, req, (tx, a) => findTrainingGaps(tx, a, req.query)));
  r.post('/api/events/:eventId/sessions/:sessionNo/completions', {
    config: { sweep: { example: (fx) => ({ body: { personIds: [fx.personId] } }) } },
    schema: { tags, params: S.SessionParams, body: S.CompletionBody, response: { 200: S.CompletionResult } },
  }, (req) => asActor(deps, req, (tx, a) => markCompletion(tx, a, req.params.eventId, req.params.sessionNo, req.body)));
}

function inviteeRoutes(app: App, deps: Deps) {
  const r = typed(app);
  r.get('/api/events/:eventId/invitees', { schema: { tags, params: S.EventParams, querystring: S.InviteesQuery, response: { 200: S.InviteePage } } },
    (req) => asActor(deps, req, (tx, a) => findInvitees(tx, a, req.params.eventId, req.query)));
  r.get('/api/events/:eventId/breakdown', { schema: { tags, params: S.EventParams, response: { 200: S.Breakdown } } },
    (req) => asActor(deps, req, (tx, a) => eventBreakdown(tx, a, req.params.eventId)));
  r.put('/api/events/:eventId/invitees/:personId/rsvp', {
    config: { sweep: { example: () => ({ body: { rsvp: 'yes' } }) } },
    schema: { tags, params: S.InviteeParams, body: S.RsvpBody, response: { 200: z.object({ personId: z.number(), rsvp: S.Rsvp }) } },
  }, (req) => asActor(deps, req, (tx, a) => setRsvp(tx, a, req.params.eventId, req.params.personId, req.body.rsvp)));
  r.post('/api/events/:eventId/invitees/:personId/register', { schema: { tags, params: S.InviteeParams, response: { 200: S.Registration } } },
    (req) => asActor(deps, req, (tx, a) => register(tx, a, req.params.eventId, req.params.personId)));
  r.get('/api/events/:eventId/invitees/:personId/credential', { schema: { tags, params: S.InviteeParams } }, async (req, reply) => {
    const svg = await asActor(deps, req, (tx, a) => credentialSvg(tx, a, req.params.eventId, req.params.personId));
    return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(svg);
  });
  // Opened in a new tab to print, so inline; streamed after the transaction (and its audit) commits.
  r.get('/api/events/:eventId/badges.pdf', { schema: { tags, params: S.EventParams, querystring: S.BadgesQuery } }, async (req, reply) => {
    const sheet = await asActor(deps, req, (tx, a) => findBadges(tx, a, req.params.eventId, req.query.lang));
    return reply.type('application/pdf').header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="badges-event-${req.params.eventId}.pdf"`).send(renderBadgesPdf(sheet));
  });
  r.post('/api/events/:eventId/invitees/:personId/checkin', { schema: { tags, params: S.InviteeParams, response: { 200: S.CheckinResult } } },
    (req) => asActor(deps, req, (tx, a) => checkInPerson(tx, a, req.params.eventId, req.params.personId)));
  r.post('/api/events/:eventId/checkin', {
    config: { sweep: { example: (fx) => ({ body: { token: fx.credential } }) } },
    schema: { tags, params: S.EventParams, body: S.CheckinBody, response: { 200: S.CheckinResult } },
  }, (req) => asActor(deps, req, (tx, a) => checkInByToken(tx, a, req.params.eventId, req.body.token)));
}

export function eventsRoutes(app: App, deps: Deps) {
  const r = typed(app);
  r.get('/api/events', { schema: { tags, querystring: S.EventsQuery, response: { 200: S.EventList } } },
    (req) => asActor(deps, req, (tx, a) => findEvents(tx, a, req.query)));
  r.post('/api/events', {
    config: { sweep: { example: (fx) => ({ body: { kind: 'meeting', title: 'Sweep meeting', ...when, unitId: fx.unitId } }) } },
    schema: { tags, body: S.EventInput, response: { 201: S.Event } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createEvent(tx, a, req.body))));
  r.post('/api/events/bulk', {
    config: { sweep: { example: (fx) => ({ body: [{ kind: 'rally', title: 'Sweep rally', ...when, unitId: fx.unitId }] }) } },
    schema: { tags, body: S.EventsBulk, response: { 201: z.object({ ids: z.array(z.number()), invited: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createEvents(tx, a, req.body))));
  r.post('/api/events/preview', {
    config: { sweep: { example: (fx) => ({ body: { unitId: fx.unitId, rules: [{ kind: 'designation', level: 'booth', code: 'member' }] } }) } },
    schema: { tags, body: S.PreviewBody, response: { 200: S.Preview } },
  }, (req) => asActor(deps, req, (tx, a) => previewRules(tx, a, req.body)));
  trainingRoutes(app, deps);
  r.get('/api/events/:eventId', { schema: { tags, params: S.EventParams, response: { 200: S.Event } } },
    (req) => asActor(deps, req, (tx, a) => getEvent(tx, a, req.params.eventId)));
  r.patch('/api/events/:eventId', {
    config: { sweep: { example: () => ({ body: { place: 'Sweep Hall' } }) } },
    schema: { tags, params: S.EventParams, body: S.EventPatch, response: { 200: S.Event } },
  }, (req) => asActor(deps, req, (tx, a) => updateEvent(tx, a, req.params.eventId, req.body)));
  r.post('/api/events/:eventId/invite', { schema: { tags, params: S.EventParams, response: { 200: S.Event } } },
    (req) => asActor(deps, req, (tx, a) => inviteAgain(tx, a, req.params.eventId)));
  inviteeRoutes(app, deps);
}
