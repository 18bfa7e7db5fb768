import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import type { Actor, Tx } from '../../db/scope.ts';
import { findChildUnits } from '../units/units.service.ts';
import { ChildrenPage, ChildrenQuery, SeatStrength, SeatStrengthQuery, StrengthOut, StrengthParams, WeakBooths, WeakBoothsQuery } from './strength.schemas.ts';
import { getStrength, strengthOfUnits } from './strength.service.ts';
import { findSeatStrength, findWeakBooths, weakBoothsCsv, weakBoothsXlsx } from './weak-booths.service.ts';

/** Children for the tree drill-down, each with its strength (main axis unless a wing is asked for). */
async function findChildrenWithStrength(tx: Tx, actor: Actor, unitId: number, q: { cursor?: string; limit: number; wing?: string }) {
  const page = await findChildUnits(tx, actor, unitId, { cursor: q.cursor, limit: q.limit, wing: q.wing ?? null }, 'org.read');
  const strength = await strengthOfUnits(tx, page.items.map((u) => u.id));
  return { items: page.items.map((u) => ({ ...u, wing: u.wing ?? null, strength: strength.get(u.id)! })), nextCursor: page.nextCursor };
}

export function strengthRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['organisation'];
  r.get('/api/org/units/:unitId/strength', { schema: { tags, params: StrengthParams, response: { 200: StrengthOut } } },
    (req) => asActor(deps, req, (tx, a) => getStrength(tx, a, req.params.unitId)));
  r.get('/api/org/units/:unitId/children', { schema: { tags, params: StrengthParams, querystring: ChildrenQuery, response: { 200: ChildrenPage } } },
    (req) => asActor(deps, req, (tx, a) => findChildrenWithStrength(tx, a, req.params.unitId, req.query)));
  r.get('/api/org/seat-strength', {
    config: { sweep: { example: () => ({ query: { election: 'SWEEP-2019', party: 'AAA' } }) } },
    schema: { tags, querystring: SeatStrengthQuery, response: { 200: SeatStrength } },
  }, (req) => asActor(deps, req, (tx, a) => findSeatStrength(tx, a, req.query)));
  r.get('/api/org/weak-booths', {
    config: { sweep: { example: (f) => ({ query: { election: 'SWEEP-2019', party: 'AAA', unitId: String(f.unitId), format: 'csv' } }) } },
    // No response schema: the same route answers CSV and XLSX; the JSON is built to the WeakBooths shape.
    schema: { tags, querystring: WeakBoothsQuery,
      produces: ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  }, async (req, reply) => {
    const found = await asActor(deps, req, (tx, a) => findWeakBooths(tx, a, req.query));
    if (req.query.format === 'json') return found satisfies WeakBooths;
    const name = `weak-booths-${found.election}-${found.party}`.replace(/[^\w.-]+/g, '_');
    if (req.query.format === 'xlsx') {
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await weakBoothsXlsx(found));
    }
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(weakBoothsCsv(found));
  });
}
