import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { findDuplicates, mergePeople } from './merge.ts';
import * as S from './people.schemas.ts';
import { createPerson, findPeople, getPerson, unmaskPerson, updatePerson, verifyPerson } from './people.service.ts';

export function peopleRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['people'];

  r.get('/api/people', { schema: { tags, querystring: S.PeopleQuery, response: { 200: S.PeoplePage } } },
    (req) => asActor(deps, req, (tx, a) => findPeople(tx, a, req.query)));
  r.post('/api/people', {
    config: { sweep: { example: (fx) => ({ body: { phone: '+91 97000 00042', name: 'Sweep Person', nameHi: 'स्वीप', homeUnitId: fx.unitId } }) } },
    schema: { tags, body: S.PersonInput, response: { 201: S.Created } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createPerson(tx, a, req.body))));

  r.get('/api/people/duplicates', { schema: { tags, querystring: S.DuplicatesQuery, response: { 200: S.Duplicates } } },
    (req) => asActor(deps, req, (tx, a) => findDuplicates(tx, a, req.query)));
  r.post('/api/people/merge', {
    config: { sweep: { example: (fx) => ({ body: { keepId: fx.personId, mergeId: fx.duplicatePersonId } }) } },
    schema: { tags, body: S.MergeBody, response: { 200: S.Person } },
  }, (req) => asActor(deps, req, (tx, a) => mergePeople(tx, a, req.body)));

  r.get('/api/people/:personId', { schema: { tags, params: S.PersonParams, response: { 200: S.Person } } },
    (req) => asActor(deps, req, (tx, a) => getPerson(tx, a, req.params.personId)));
  r.patch('/api/people/:personId', {
    config: { sweep: { example: () => ({ body: { ageBand: '26-35' } }) } },
    schema: { tags, params: S.PersonParams, body: S.PersonPatch, response: { 200: S.Person } },
  }, (req) => asActor(deps, req, (tx, a) => updatePerson(tx, a, req.params.personId, req.body)));
  r.post('/api/people/:personId/verify', {
    config: { sweep: { example: () => ({ body: { phone: true, vouch: true } }) } },
    schema: { tags, params: S.PersonParams, body: S.VerifyBody, response: { 200: S.Person } },
  }, (req) => asActor(deps, req, (tx, a) => verifyPerson(tx, a, req.params.personId, req.body)));
  r.post('/api/people/:personId/unmask', { schema: { tags, params: S.PersonParams, response: { 200: S.Unmasked } } },
    (req) => asActor(deps, req, (tx, a) => unmaskPerson(tx, a, req.params.personId)));
}
