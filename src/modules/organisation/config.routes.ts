import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { DesignationTypesBody, LevelsBody, NormsBody, OrgConfig, WingsBody } from './config.schemas.ts';
import { getOrgConfig, replaceDesignationTypes, replaceLevels, replaceNorms, replaceWings } from './config.service.ts';

// Sweep examples keep everything the sweep's world and fixtures use (test/builders.ts levels, the
// district president and booth member seats), so the owner's call succeeds and later routes still work.
const SWEEP_LEVELS = ['national', 'state', 'district', 'ac', 'booth'].map((level, depth) => ({ level, depth, name: level }));
const SWEEP_TYPES = [
  { level: 'district', code: 'president', name: 'President', isHead: true },
  { level: 'booth', code: 'booth_president', name: 'Booth president', isHead: true },
  { level: 'booth', code: 'member', name: 'Committee member', seats: 8 },
  { level: 'booth', code: 'panna_pramukh', name: 'Roll-page head', perPage: true, isRequired: false },
];

export function configRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['organisation'];
  r.get('/api/org/config', { schema: { tags, response: { 200: OrgConfig } } }, (req) => asActor(deps, req, getOrgConfig));
  r.put('/api/org/config/wings', {
    config: { sweep: { example: () => ({ body: { items: [{ code: 'youth', name: 'Youth wing' }, { code: 'women', name: 'Women\'s wing' }] } }) } },
    schema: { tags, body: WingsBody, response: { 200: OrgConfig } },
  }, (req) => asActor(deps, req, (tx, a) => replaceWings(tx, a, req.body)));
  r.put('/api/org/config/designation-types', {
    config: { sweep: { example: () => ({ body: { items: SWEEP_TYPES } }) } },
    schema: { tags, body: DesignationTypesBody, response: { 200: OrgConfig } },
  }, (req) => asActor(deps, req, (tx, a) => replaceDesignationTypes(tx, a, req.body)));
  r.put('/api/org/config/norms', {
    config: { sweep: { example: () => ({ body: { items: [{ level: 'booth', minFormed: 4, minWomen: 2, minScSt: 1 }] } }) } },
    schema: { tags, body: NormsBody, response: { 200: OrgConfig } },
  }, (req) => asActor(deps, req, (tx, a) => replaceNorms(tx, a, req.body)));
  r.put('/api/org/config/levels', {
    config: { sweep: { example: () => ({ body: { items: SWEEP_LEVELS } }) } },
    schema: { tags, body: LevelsBody, response: { 200: OrgConfig } },
  }, (req) => asActor(deps, req, (tx, a) => replaceLevels(tx, a, req.body)));
}
