// prepare() for a slider: the engine's own steps, but the baseline is validated once and the seat × bloc
// matrix (pooling, splits, exits, entries — the slowest step) is reused while only swings, model, noise
// or targets change, which is what dragging a slider does. prepareCached.test.ts checks it gives exactly
// what prepare() gives; scenarios with region swings go to prepare() itself.
import { buildBlocMatrix, type BlocMatrix } from '../../../../src/modules/projection/blocs.ts';
import { prepare, prepareOn, type Prepared } from '../../../../src/modules/projection/project.ts';
import { baselineSchema, scenarioSchema, type Baseline, type ScenarioInput } from '../../../../src/modules/projection/projection.schemas.ts';

export function createPreparer(): (baseline: Baseline, scenario: ScenarioInput) => Prepared {
  const parsed = new WeakMap<Baseline, Baseline>();
  const matrices = new WeakMap<Baseline, { key: string; matrix: BlocMatrix }>();
  return (baselineInput, scenarioInput) => {
    const scenario = scenarioSchema.parse(scenarioInput);
    if (scenario.swings.some((w) => w.level === 'region')) return prepare(baselineInput, scenarioInput);
    let baseline = parsed.get(baselineInput);
    if (!baseline) { baseline = baselineSchema.parse(baselineInput); parsed.set(baselineInput, baseline); }
    // Everything buildBlocMatrix reads from the scenario.
    const key = JSON.stringify([scenario.alliances, scenario.splits, scenario.exits, scenario.entries, scenario.contests ?? null, scenario.turnoutChange]);
    let hit = matrices.get(baseline);
    if (!hit || hit.key !== key) { hit = { key, matrix: buildBlocMatrix(baseline, scenario) }; matrices.set(baseline, hit); }
    return prepareOn(hit.matrix, scenario);
  };
}
