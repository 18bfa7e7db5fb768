// The projection API's edge: baselines built from imported results, runs and ladders on the server,
// and a tenant's saved scenarios. Shared by the routes, the web app (types) and tests.
import { z } from 'zod';
import { allianceSchema, baselineSchema, scenarioSchema } from './projection.schemas.ts';

export const electionId = z.string().regex(/^[A-Z0-9-]+$/, 'an election id such as LS-2019').max(40);

/** The server runs at most this many simulations per request: enough for any figure, bounded in time. */
export const MAX_SERVER_SIMULATIONS = 100_000;
export const apiScenarioSchema = scenarioSchema.extend({
  simulations: z.number().int().min(1).max(MAX_SERVER_SIMULATIONS).default(10_000),
});

export const BaselineQuery = z.object({ election: electionId });

/** A Baseline (what the engine reads) plus what the scenario builder needs to start from. */
export const BaselineOut = baselineSchema.extend({
  name: z.string(),
  house: z.enum(['LS', 'AE']),
  /** Default alliances for this election, when the project ships them (src/modules/projection/data). */
  alliances: z.array(allianceSchema),
  /** Seats with no votes (uncontested): one vote for the sole candidate, so they count as certain wins. */
  uncontested: z.number().int(),
});
export type BaselineOut = z.infer<typeof BaselineOut>;

export const RunBody = z.object({ election: electionId, scenario: apiScenarioSchema });
export type RunBody = z.infer<typeof RunBody>;

export const LadderBody = z.object({
  election: electionId,
  scenario: apiScenarioSchema,
  bloc: z.string().min(1).max(60),
  target: z.number().int().positive().optional(),
  /** Rank only this state's seats (a state's target, e.g. its majority). */
  state: z.string().min(1).max(60).optional(),
});
export type LadderBody = z.infer<typeof LadderBody>;

export const ScenarioParams = z.object({ scenarioId: z.coerce.number().int().positive() });

export const ScenarioBody = z.object({
  name: z.string().trim().min(1).max(120),
  election: electionId,
  scenario: apiScenarioSchema,
});
export type ScenarioBody = z.infer<typeof ScenarioBody>;

export const SavedScenario = z.object({
  id: z.number().int(),
  name: z.string(),
  election: z.string(),
  scenario: z.record(z.string(), z.unknown()),
  unitId: z.number().int(),
  unitName: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedScenario = z.infer<typeof SavedScenario>;
export const SavedScenarios = z.object({ items: z.array(SavedScenario) });
