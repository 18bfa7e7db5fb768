import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import * as S from './representatives.schemas.ts';
import { createRepresentative, findRepresentatives, getRepresentative, removeRepresentative, updateRepresentative } from './representatives.service.ts';

export function representativesRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['representatives'];
  r.get('/api/org/representatives', { schema: { tags, querystring: S.RepresentativesQuery, response: { 200: S.Representatives } } },
    (req) => asActor(deps, req, (tx, a) => findRepresentatives(tx, a, req.query)));
  r.post('/api/org/representatives', {
    // Seat 2 of the test state's assembly (test/builders.ts buildResults).
    config: { sweep: { example: (fx) => ({ body: { personId: fx.personId, office: 'mla', stateCode: 'T01', house: 'AE', constituencyNo: 2, unitId: fx.unitId } }) } },
    schema: { tags, body: S.RepresentativeInput, response: { 201: S.Representative } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createRepresentative(tx, a, req.body))));
  r.get('/api/org/representatives/:representativeId', { schema: { tags, params: S.RepresentativeParams, response: { 200: S.Representative } } },
    (req) => asActor(deps, req, (tx, a) => getRepresentative(tx, a, req.params.representativeId)));
  r.patch('/api/org/representatives/:representativeId', {
    config: { sweep: { example: () => ({ body: { body: 'Sweep Ward Council' } }) } },
    schema: { tags, params: S.RepresentativeParams, body: S.RepresentativePatch, response: { 200: S.Representative } },
  }, (req) => asActor(deps, req, (tx, a) => updateRepresentative(tx, a, req.params.representativeId, req.body)));
  // Last: the security sweep's owner call deletes its fixture.
  r.delete('/api/org/representatives/:representativeId', { schema: { tags, params: S.RepresentativeParams } }, async (req, reply) => {
    await asActor(deps, req, (tx, a) => removeRepresentative(tx, a, req.params.representativeId));
    return reply.code(204).send();
  });
}
