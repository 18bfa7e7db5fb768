import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import * as S from './units.schemas.ts';
import { createUnit, findChildUnits, findRootUnits, getUnit, moveUnit, renameUnit } from './units.service.ts';

export function unitsRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['units'];
  r.get('/api/units/roots', { schema: { tags, response: { 200: S.UnitList } } }, (req) => asActor(deps, req, findRootUnits));
  r.get('/api/units/:unitId', { schema: { tags, params: S.UnitParams, response: { 200: S.UnitDetail } } },
    (req) => asActor(deps, req, (tx, a) => getUnit(tx, a, req.params.unitId)));
  r.get('/api/units/:unitId/children', { schema: { tags, params: S.UnitParams, querystring: S.ChildrenQuery, response: { 200: S.UnitPage } } },
    (req) => asActor(deps, req, (tx, a) => findChildUnits(tx, a, req.params.unitId, req.query)));
  r.post('/api/units', {
    config: { sweep: { example: (f) => ({ body: { parentId: f.unitId, name: 'Sweep AC', level: 'ac' } }) } },
    schema: { tags, body: S.CreateUnitBody, response: { 201: S.UnitDetail } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createUnit(tx, a, req.body))));
  r.patch('/api/units/:unitId', {
    config: { sweep: { example: () => ({ body: { name: 'Canary District' } }) } },
    schema: { tags, params: S.UnitParams, body: S.RenameUnitBody, response: { 200: S.UnitDetail } },
  }, (req) => asActor(deps, req, (tx, a) => renameUnit(tx, a, req.params.unitId, req.body)));
  // The sweep moves S1's district under S1 again: a no-op for the owner, refused to everyone else.
  r.post('/api/units/:unitId/move', {
    config: { sweep: { example: (f) => ({ body: { parentId: f.s1UnitId } }) } },
    schema: { tags, params: S.UnitParams, body: S.MoveUnitBody, response: { 200: S.UnitDetail } },
  }, (req) => asActor(deps, req, (tx, a) => moveUnit(tx, a, req.params.unitId, req.body)));
}
