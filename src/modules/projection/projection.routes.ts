import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { getBaseline } from './baseline.service.ts';
import { ladderSchema, projectionSchema } from './projection.schemas.ts';
import { createProjectionRunner, runLadder, runProjection } from './run.service.ts';
import { BaselineOut, BaselineQuery, LadderBody, RunBody, SavedScenario, SavedScenarios, ScenarioBody, ScenarioParams } from './scenarios.schemas.ts';
import { createScenario, findScenarios, getScenario, removeScenario, updateScenario } from './scenarios.service.ts';

// The sweep's examples use the tiny assembly election of test/builders.ts (buildResults).
const SWEEP_SCENARIO = { simulations: 200, swings: [{ level: 'national', bloc: 'AAA', points: 2 }], targets: [{ bloc: 'AAA', seats: 2 }] };

export function projectionRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['projection'];
  const runner = createProjectionRunner();
  app.addHook('onClose', () => runner.close());

  r.get('/api/projection/baseline', {
    config: { sweep: { example: () => ({ query: { election: 'SWEEP-2019' } }) } },
    schema: { tags, querystring: BaselineQuery, response: { 200: BaselineOut } },
  }, (req) => asActor(deps, req, (tx, a) => getBaseline(tx, a, req.query.election)));

  // The baseline is read in the request's transaction; the simulation runs after it has committed.
  r.post('/api/projection/run', {
    config: { sweep: { example: () => ({ body: { election: 'SWEEP-2019', scenario: SWEEP_SCENARIO } }) } },
    schema: { tags, body: RunBody, response: { 200: projectionSchema } },
  }, async (req) => {
    const baseline = await asActor(deps, req, (tx, a) => getBaseline(tx, a, req.body.election));
    return runProjection(runner, baseline, req.body.scenario);
  });

  r.post('/api/projection/ladder', {
    config: { sweep: { example: () => ({ body: { election: 'SWEEP-2019', scenario: SWEEP_SCENARIO, bloc: 'AAA', target: 3 } }) } },
    schema: { tags, body: LadderBody, response: { 200: ladderSchema } },
  }, async (req) => {
    const baseline = await asActor(deps, req, (tx, a) => getBaseline(tx, a, req.body.election));
    return runLadder(baseline, req.body);
  });

  const sweepBody = { name: 'Canary scenario', election: 'SWEEP-2019', scenario: {} };
  r.get('/api/scenarios', { schema: { tags, response: { 200: SavedScenarios } } }, (req) => asActor(deps, req, findScenarios));
  r.get('/api/scenarios/:scenarioId', { schema: { tags, params: ScenarioParams, response: { 200: SavedScenario } } },
    (req) => asActor(deps, req, (tx, a) => getScenario(tx, a, req.params.scenarioId)));
  r.post('/api/scenarios', {
    config: { sweep: { example: () => ({ body: { ...sweepBody, name: 'Sweep scenario' } }) } },
    schema: { tags, body: ScenarioBody, response: { 201: SavedScenario } },
  }, async (req, reply) => reply.code(201).send(await asActor(deps, req, (tx, a) => createScenario(tx, a, req.body))));
  r.put('/api/scenarios/:scenarioId', {
    config: { sweep: { example: () => ({ body: sweepBody }) } },
    schema: { tags, params: ScenarioParams, body: ScenarioBody, response: { 200: SavedScenario } },
  }, (req) => asActor(deps, req, (tx, a) => updateScenario(tx, a, req.params.scenarioId, req.body)));
  // Last: the security sweep's owner call deletes its fixture.
  r.delete('/api/scenarios/:scenarioId', { schema: { tags, params: ScenarioParams } }, async (req, reply) => {
    await asActor(deps, req, (tx, a) => removeScenario(tx, a, req.params.scenarioId));
    return reply.code(204).send();
  });
}
