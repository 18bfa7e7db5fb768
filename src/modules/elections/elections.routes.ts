import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { ElectionsOut, SeatQuery, SeatsOut } from './seats.schemas.ts';
import { findBoothGrades, findElections, findSeats } from './seats.service.ts';
import { findBoundaries, getConstituency } from './constituency.service.ts';
import { seatsCsv, seatsXlsx } from './seats-export.ts';

const BoothGradesQuery = z.object({ election: z.string().regex(/^[A-Z0-9-]+$/), party: z.string().min(1).max(40) });
const BoothGradesParams = z.object({ stateCode: z.string().regex(/^[A-Z]\d{2}$/), acNo: z.coerce.number().int().positive() });
const ConstituencyParams = z.object({ stateCode: z.string().regex(/^[A-Z]\d{2}$/), house: z.enum(['LS', 'AE']), no: z.coerce.number().int().positive() });
const BoundariesQuery = z.object({ house: z.enum(['LS', 'AE']), state: z.string().regex(/^[A-Z]\d{2}$/).optional() });
const ExportQuery = SeatQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
const BoothGradesOut = z.object({ items: z.array(z.object({ partNo: z.number(), partyVotes: z.number(), bestOtherVotes: z.number(), total: z.number(), grade: z.enum(['A', 'B', 'C', 'D']) })) });

export function electionsRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['elections'];
  r.get('/api/elections', { schema: { tags, response: { 200: ElectionsOut } } }, (req) => asActor(deps, req, findElections));
  r.get('/api/seats', {
    config: { sweep: { example: () => ({ query: { election: 'SWEEP-2019', party: 'AAA' } }) } },
    schema: { tags, querystring: SeatQuery, response: { 200: SeatsOut } },
  }, (req) => asActor(deps, req, (tx, a) => findSeats(tx, a, req.query)));
  r.get('/api/constituencies/:stateCode/:acNo/booth-grades', {
    config: { sweep: { example: () => ({ query: { election: 'SWEEP-2019', party: 'AAA' } }) } },
    schema: { tags, params: BoothGradesParams, querystring: BoothGradesQuery, response: { 200: BoothGradesOut } },
  }, async (req) => ({ items: await asActor(deps, req, (tx, a) => findBoothGrades(tx, a, { ...req.query, state: req.params.stateCode, ac: req.params.acNo })) }));
  r.get('/api/seats/export', {
    config: { sweep: { example: () => ({ query: { election: 'SWEEP-2019', party: 'AAA', format: 'xlsx' } }) } },
    schema: { tags, querystring: ExportQuery, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  }, async (req, reply) => {
    const seats = await asActor(deps, req, (tx, a) => findSeats(tx, a, req.query));
    const name = `seats-${seats.election.id}-${seats.party}`.replace(/[^\w.-]+/g, '_');
    if (req.query.format === 'xlsx') {
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await seatsXlsx(seats));
    }
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(seatsCsv(seats));
  });
  r.get('/api/constituencies/:stateCode/:house/:no', {
    config: { sweep: { example: () => ({}) } },
    schema: { tags, params: ConstituencyParams },
  }, (req) => asActor(deps, req, (tx, a) => getConstituency(tx, a, req.params)));
  r.get('/api/boundaries', {
    config: { sweep: { example: () => ({ query: { house: 'AE' } }) } },
    schema: { tags, querystring: BoundariesQuery },
  }, (req) => asActor(deps, req, (tx, a) => findBoundaries(tx, a, req.query)));
}
