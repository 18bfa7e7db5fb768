// Calls of the projection API, typed from the module's schemas (types only: no zod in the page bundle).
import { request } from '../../api.ts';
import type { BaselineOut, SavedScenario } from '../../../../src/modules/projection/scenarios.schemas.ts';
import type { ScenarioInput } from '../../../../src/modules/projection/projection.schemas.ts';

export type { Alliance, Baseline, Ladder, Model, Projection, ScenarioInput } from '../../../../src/modules/projection/projection.schemas.ts';
export type { BaselineOut, SavedScenario };

export interface ScenarioWrite { name: string; election: string; scenario: ScenarioInput }

const enc = encodeURIComponent;

export const scenarioApi = {
  baseline: (election: string) => request<BaselineOut>('GET', `/api/projection/baseline?election=${enc(election)}`),
  list: () => request<{ items: SavedScenario[] }>('GET', '/api/scenarios'),
  get: (id: number) => request<SavedScenario>('GET', `/api/scenarios/${enc(id)}`),
  create: (input: ScenarioWrite) => request<SavedScenario>('POST', '/api/scenarios', input),
  update: (id: number, input: ScenarioWrite) => request<SavedScenario>('PUT', `/api/scenarios/${enc(id)}`, input),
  remove: (id: number) => request<void>('DELETE', `/api/scenarios/${enc(id)}`),
};

export const baselineKey = (election: string) => ['projection-baseline', election] as const;
export const savedKey = ['scenarios'] as const;
