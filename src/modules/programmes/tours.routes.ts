// Tours (pravas) over HTTP (docs/programmes.md, Tours). Deletes come last: the security sweep's owner
// call removes its fixture, and the routes after it would find nothing.
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import * as S from './tours.schemas.ts';
import { createToursBulk } from './tours.bulk.ts';
import { findCoverage } from './tours.coverage.ts';
import { createTour, createVisit, findTours, getTour, getVisit, removeTour, removeVisit, updateTour, updateVisit } from './tours.service.ts';

// Inside the fixture tour's dates (test/security-sweep.test.ts).
const SWEEP_DAY = '2026-03-02';

export function toursRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['tours'];
  r.get('/api/tours', { schema: { tags, querystring: S.ToursQuery, response: { 200: S.Tours } } },
    (req) => asActor(deps, req, (tx, a) => findTours(tx, a, req.query)));
  r.get('/api/tours/coverage', {
    // Seat classes of the test state's last election (test/builders.ts buildResults).
    config: { sweep: { example: (fx) => ({ query: { election: 'SWEEP-2019', party: 'AAA', unitId: String(fx.unitId) } }) } },
    schema: { tags, querystring: S.CoverageQuery, response: { 200: S.Coverage } },
  }, (req) => asActor(deps, req, (tx, a) => findCoverage(tx, a, req.query)));
  r.post('/api/tours', {
    config: { sweep: { example: (fx) => ({ body: { unitId: fx.unitId, leaderName: 'Sweep Leader', title: 'Sweep tour', startsOn: SWEEP_DAY, endsOn: SWEEP_DAY } }) } },
    schema: { tags, body: S.TourInput, response: { 201: S.TourDetail } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createTour(tx, a, req.body))));
  r.post('/api/tours/bulk', {
    config: { sweep: { example: (fx) => ({ body: [{ unitId: fx.unitId, leaderName: 'Sweep Leader', title: 'Sweep bulk tour', startsOn: SWEEP_DAY, endsOn: SWEEP_DAY,
      visits: [{ unitId: fx.unitId, visitOn: SWEEP_DAY }] }] }) } },
    schema: { tags, body: S.BulkTours, response: { 201: S.BulkResult } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createToursBulk(tx, a, req.body))));
  r.get('/api/tours/:tourId', { schema: { tags, params: S.TourParams, response: { 200: S.TourDetail } } },
    (req) => asActor(deps, req, (tx, a) => getTour(tx, a, req.params.tourId)));
  r.patch('/api/tours/:tourId', {
    config: { sweep: { example: () => ({ body: { stay: 'Sweep guest house' } }) } },
    schema: { tags, params: S.TourParams, body: S.TourPatch, response: { 200: S.TourDetail } },
  }, (req) => asActor(deps, req, (tx, a) => updateTour(tx, a, req.params.tourId, req.body)));
  r.post('/api/tours/:tourId/visits', {
    config: { sweep: { example: (fx) => ({ body: { unitId: fx.unitId, visitOn: SWEEP_DAY, meetings: [{ kind: 'workers', attendance: 40 }] } }) } },
    schema: { tags, params: S.TourParams, body: S.VisitInput, response: { 201: S.Visit } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createVisit(tx, a, req.params.tourId, req.body))));
  r.get('/api/tours/visits/:visitId', { schema: { tags, params: S.VisitParams, response: { 200: S.Visit } } },
    (req) => asActor(deps, req, (tx, a) => getVisit(tx, a, req.params.visitId)));
  r.patch('/api/tours/visits/:visitId', {
    config: { sweep: { example: () => ({ body: { groundReport: { mood: 4, issues: ['Sweep water supply'] } } }) } },
    schema: { tags, params: S.VisitParams, body: S.VisitPatch, response: { 200: S.Visit } },
  }, (req) => asActor(deps, req, (tx, a) => updateVisit(tx, a, req.params.visitId, req.body)));
  r.delete('/api/tours/visits/:visitId', { schema: { tags, params: S.VisitParams } }, async (req, reply) => {
    await asActor(deps, req, (tx, a) => removeVisit(tx, a, req.params.visitId));
    return reply.code(204).send();
  });
  r.delete('/api/tours/:tourId', { schema: { tags, params: S.TourParams } }, async (req, reply) => {
    await asActor(deps, req, (tx, a) => removeTour(tx, a, req.params.tourId));
    return reply.code(204).send();
  });
}
