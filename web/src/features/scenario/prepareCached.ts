// prepare() for a slider: the engine's own steps, but the baseline is validated once and the seat × bloc
// matrix (pooling, splits, exits, entries — the slowest step) is reused while only swings, model, noise
// or targets change, which is what dragging a slider does. prepareCached.test.ts checks it gives exactly
// what prepare() gives; scenarios with region swings go to prepare() itself.
import { buildBlocMatrix, type BlocMatrix } from '../../../../src/modules/projection/blocs.ts';
import { compileProblem, DEFAULT_CONTENDER_FLOOR } from '../../../../src/modules/projection/contenders.ts';
import { DEFAULT_NATIONAL_SD, DEFAULT_SHRINK, DEFAULT_STATE_SD, SEAT_NOISE } from '../../../../src/modules/projection/defaults.ts';
import { projectShares } from '../../../../src/modules/projection/models.ts';
import { prepare, targetShares, type Prepared } from '../../../../src/modules/projection/project.ts';
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
    const matrix = hit.matrix;
    const means = projectShares(scenario.model, matrix, targetShares(matrix, scenario), { shrink: { ...DEFAULT_SHRINK, ...scenario.shrink } });
    const alliances = [...new Set(matrix.blocAlliance)];
    const fitted = SEAT_NOISE[scenario.model];
    const pct = (x: number | undefined, d: number) => (x === undefined ? d : x / 100);
    const noise = {
      national: pct(scenario.noise.national, DEFAULT_NATIONAL_SD), state: pct(scenario.noise.state, DEFAULT_STATE_SD),
      seat: pct(scenario.noise.seat, fitted.seat), df: scenario.noise.df ?? fitted.df,
    };
    const compiled = compileProblem(matrix, means, alliances, scenario, noise, pct(scenario.contenderFloor, DEFAULT_CONTENDER_FLOOR));
    return { scenario, matrix, means, alliances, compiled, problem: compiled.problem };
  };
}
