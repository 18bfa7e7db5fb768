import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import * as S from './units.schemas.ts';
import { findChildUnits, findRootUnits, getUnit } from './units.service.ts';

export function unitsRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['units'];
  r.get('/api/units/roots', { schema: { tags, response: { 200: S.UnitList } } }, (req) => asActor(deps, req, findRootUnits));
  r.get('/api/units/:unitId', { schema: { tags, params: S.UnitParams, response: { 200: S.UnitDetail } } },
    (req) => asActor(deps, req, (tx, a) => getUnit(tx, a, req.params.unitId)));
  r.get('/api/units/:unitId/children', { schema: { tags, params: S.UnitParams, querystring: S.ChildrenQuery, response: { 200: S.UnitPage } } },
    (req) => asActor(deps, req, (tx, a) => findChildUnits(tx, a, req.params.unitId, req.query)));
}
