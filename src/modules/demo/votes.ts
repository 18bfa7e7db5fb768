// Booth electors and votes for one state, pure. A party's log-share in a booth is the sum of a state
// strength, a swing per election, a PC effect, an AC effect, an AC swing, a booth effect that persists
// across elections and booth noise: first-past-the-post then turns those into regional strongholds,
// close seats and landslides, and the booths of a seat still add up to the seat.
import type { DemoPlan, PartySpec, StateGeography } from './plan.ts';
import { streamOf, type Random } from './random.ts';

export interface ElectionBooths {
  /** The roll at that election (it grows between elections). */
  electors: Int32Array;
  /** Valid votes, NOTA included: the sum of the booth's votes. */
  voters: Int32Array;
  /** votes[b * parties.length + p]: booth b, party p. */
  votes: Int32Array;
}

export interface StateBooths {
  /** Party codes contesting in this state, NOTA last. */
  parties: string[];
  /** The current roll per booth (polling_stations.electors). */
  electors: Int32Array;
  /** One per plan election, in the plan's order. */
  elections: ElectionBooths[];
}

interface PartyModel { code: string; logShare: number; swing: number[]; pcSd: number; acSd: number; boothSd: number }

// Spread of each party's strength across places, by role: regionals are concentrated in strongholds,
// independents win where a local figure stands, NOTA hardly varies.
const SPREAD: Record<PartySpec['role'], { pcSd: number; acSd: number; boothSd: number }> = {
  major: { pcSd: 0.2, acSd: 0.12, boothSd: 0.25 },
  regional: { pcSd: 0.5, acSd: 0.2, boothSd: 0.4 },
  independent: { pcSd: 0.3, acSd: 0.45, boothSd: 0.5 },
  nota: { pcSd: 0.1, acSd: 0.1, boothSd: 0.2 },
};
const AC_SWING_SD = 0.07;
const BOOTH_NOISE_SD = 0.08;

export function planBooths(plan: DemoPlan, geo: StateGeography): StateBooths {
  const r = streamOf(plan.seed, 'booths', geo.spec.index);
  const models = partyModels(plan, geo.spec.index);
  const n = geo.boothCount;
  const k = models.length;
  const electors = new Int32Array(n);
  for (let b = 0; b < n; b++) electors[b] = r.int(500, 1500);
  const pcEffect = effects(r, geo.pcs.length, models, (m) => m.pcSd);
  addStrongholds(r, pcEffect, models, plan.parties);
  const acEffect = effects(r, geo.acs.length, models, (m) => m.acSd);
  const boothEffect = effects(r, n, models, (m) => m.boothSd);
  const acTurnout = Float64Array.from(geo.acs, () => r.normal(0, 0.04));
  const elections = plan.elections.map((_, e) => {
    const last = e === plan.elections.length - 1;
    // Earlier rolls were smaller: the current roll shrunk by 4–14% per booth.
    const rolls = last ? electors : electors.map((v) => Math.round(v * r.between(0.86, 0.96)));
    const turnout = r.between(0.6, 0.74);
    const out: ElectionBooths = { electors: rolls, voters: new Int32Array(n), votes: new Int32Array(n * k) };
    geo.acs.forEach((ac, a) => {
      const logits = models.map((m, p) => m.logShare + m.swing[e] + pcEffect[(ac.pcNo! - 1) * k + p]
        + acEffect[a * k + p] + r.normal(0, AC_SWING_SD));
      const acTurn = turnout + acTurnout[a] + r.normal(0, 0.02);
      voteAc(r, out, { first: geo.acFirstBooth[a], end: geo.acFirstBooth[a + 1], logits, turnout: acTurn, boothEffect });
    });
    return out;
  });
  return { parties: models.map((m) => m.code), electors, elections };
}

interface AcDraw { first: number; end: number; logits: number[]; turnout: number; boothEffect: Float64Array }

function voteAc(r: Random, out: ElectionBooths, ac: AcDraw): void {
  const k = ac.logits.length;
  const weights = new Float64Array(k);
  for (let b = ac.first; b < ac.end; b++) {
    const turnout = Math.min(0.95, Math.max(0.3, ac.turnout + r.normal(0, 0.04)));
    const voters = Math.round(out.electors[b] * turnout);
    let sum = 0;
    for (let p = 0; p < k; p++) {
      weights[p] = Math.exp(ac.logits[p] + ac.boothEffect[b * k + p] + r.normal(0, BOOTH_NOISE_SD));
      sum += weights[p];
    }
    let total = 0;
    for (let p = 0; p < k; p++) {
      const v = Math.round((voters * weights[p]) / sum);
      out.votes[b * k + p] = v;
      total += v;
    }
    out.voters[b] = total;
  }
}

/**
 * A regional party is strong in one stretch of neighbouring PCs (a region, a community's belt):
 * that is where it wins seats, as real regional parties do.
 */
function addStrongholds(r: Random, pcEffect: Float64Array, models: PartyModel[], parties: readonly PartySpec[]): void {
  const k = models.length;
  const pcs = pcEffect.length / k;
  models.forEach((m, p) => {
    if (parties.find((party) => party.code === m.code)?.role !== 'regional') return;
    const size = Math.max(1, Math.round(pcs * r.between(0.08, 0.2)));
    const start = r.int(0, pcs - 1);
    const bonus = r.between(1.0, 1.4);
    for (let i = 0; i < size; i++) pcEffect[((start + i) % pcs) * k + p] += bonus;
  });
}

/** count × parties normal draws, party-minor, each party with its own spread. */
function effects(r: Random, count: number, models: PartyModel[], sd: (m: PartyModel) => number): Float64Array {
  const k = models.length;
  const out = new Float64Array(count * k);
  for (let i = 0; i < count; i++) for (let p = 0; p < k; p++) out[i * k + p] = r.normal(0, sd(models[p]));
  // Centred, so the state-wide strengths hold for every seed and only the geography varies.
  for (let p = 0; p < k; p++) {
    let mean = 0;
    for (let i = 0; i < count; i++) mean += out[i * k + p] / count;
    for (let i = 0; i < count; i++) out[i * k + p] -= mean;
  }
  return out;
}

/** The party codes contesting a state, NOTA last: the columns of planBooths' votes. */
export function partiesIn(plan: DemoPlan, stateIndex: number): string[] {
  return partyModels(plan, stateIndex).map((m) => m.code);
}

/**
 * Who contests a state and how strong they are. The demo state is a close two-party contest that
 * Demo Party gains in the second election; nationally each state has Demo Party and People's Front,
 * two regional parties of varying strength, independents and NOTA.
 */
function partyModels(plan: DemoPlan, stateIndex: number): PartyModel[] {
  const r = streamOf(plan.seed, 'parties', stateIndex);
  const byCode = new Map(plan.parties.map((p) => [p.code, p]));
  const swing = (trend: number, sd: number) => [-trend + r.normal(0, sd), trend + r.normal(0, sd)];
  let shares: [string, number, number[]][];
  if (plan.scale === 'state') {
    shares = [['DP', 0.36, [-0.025, 0.03]], ['PF', 0.36, [0.02, -0.02]], ['NU', 0.11, swing(0, 0.08)],
      ['RS', 0.08, swing(0, 0.08)], ['KM', 0.045, swing(0, 0.1)], ['IND', 0.035, swing(0, 0.05)], ['NOTA', 0.012, [0, 0]]];
  } else {
    const [first, second] = r.shuffle(['NU', 'RS', 'KM', 'PS', 'UD']);
    shares = [['DP', r.between(0.17, 0.47), swing(0.03, 0.06)], ['PF', r.between(0.12, 0.38), swing(-0.03, 0.08)],
      [first, r.between(0.03, 0.32), swing(0, 0.1)], [second, r.between(0.02, 0.12), swing(0, 0.1)],
      ['IND', 0.04, swing(0, 0.05)], ['NOTA', 0.012, [0, 0]]];
  }
  return shares.map(([code, share, sw]) => ({ code, logShare: Math.log(share), swing: sw, ...SPREAD[byCode.get(code)!.role] }));
}
