import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import * as S from './inductees.schemas.ts';
import { addInducteeNote, createInductee, findInductees, getInductee, inducteeSummary, stepInductee } from './inductees.service.ts';

export function inducteesRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['inductees'];
  r.get('/api/org/inductees', { schema: { tags, querystring: S.InducteesQuery, response: { 200: S.InducteePage } } },
    (req) => asActor(deps, req, (tx, a) => findInductees(tx, a, req.query)));
  r.get('/api/org/inductees/summary', { schema: { tags, querystring: S.SummaryQuery, response: { 200: S.InducteeSummary } } },
    (req) => asActor(deps, req, (tx, a) => inducteeSummary(tx, a, req.query)));
  r.post('/api/org/inductees', {
    config: { sweep: { example: (fx) => ({ body: { person: { phone: '+91 97000 00043', name: 'Sweep Inductee', homeUnitId: fx.unitId }, previousParty: 'Sweep Party', unitId: fx.unitId } }) } },
    schema: { tags, body: S.InducteeInput, response: { 201: S.InducteeDetail } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createInductee(tx, a, req.body))));
  r.get('/api/org/inductees/:inducteeId', { schema: { tags, params: S.InducteeParams, response: { 200: S.InducteeDetail } } },
    (req) => asActor(deps, req, (tx, a) => getInductee(tx, a, req.params.inducteeId)));
  r.post('/api/org/inductees/:inducteeId/step', {
    config: { sweep: { example: () => ({ body: { status: 'vetted', note: 'Sweep vetting' } }) } },
    schema: { tags, params: S.InducteeParams, body: S.StepBody, response: { 200: S.InducteeDetail } },
  }, (req) => asActor(deps, req, (tx, a) => stepInductee(tx, a, req.params.inducteeId, req.body)));
  r.post('/api/org/inductees/:inducteeId/notes', {
    config: { sweep: { example: () => ({ body: { note: 'Sweep follow-up' } }) } },
    schema: { tags, params: S.InducteeParams, body: S.NoteBody, response: { 200: S.InducteeDetail } },
  }, (req) => asActor(deps, req, (tx, a) => addInducteeNote(tx, a, req.params.inducteeId, req.body.note)));
}
