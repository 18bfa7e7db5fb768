import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { AssignBody, Assigned, BoothPage, Committee, DesignationParams, EndBody, Ended, UnitParams } from './committee.schemas.ts';
import { assignDesignation, endDesignation, getBoothPage, getCommittee } from './committee.service.ts';

export function committeeRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['organisation'];
  r.get('/api/org/units/:unitId/committee', { schema: { tags, params: UnitParams, response: { 200: Committee } } },
    (req) => asActor(deps, req, (tx, a) => getCommittee(tx, a, req.params.unitId)));
  r.get('/api/org/booths/:unitId', { schema: { tags, params: UnitParams, response: { 200: BoothPage } } },
    (req) => asActor(deps, req, (tx, a) => getBoothPage(tx, a, req.params.unitId)));
  // The sweep's unitId is S1's district: its president seat, filled with the sweep's person.
  r.post('/api/org/units/:unitId/designations', {
    config: { sweep: { example: (f) => ({ body: { code: 'president', seat: 1, personId: f.personId } }) } },
    schema: { tags, params: UnitParams, body: AssignBody, response: { 201: Assigned } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => assignDesignation(tx, a, req.params.unitId, req.body))));
  r.post('/api/org/designations/:designationId/end', {
    config: { sweep: { example: () => ({ body: { reason: 'sweep' } }) } },
    schema: { tags, params: DesignationParams, body: EndBody, response: { 200: Ended } },
  }, (req) => asActor(deps, req, (tx, a) => endDesignation(tx, a, req.params.designationId, req.body ?? {})));
}
