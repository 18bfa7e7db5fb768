// The demo call centre's people and history, planned in memory (outreach.ts writes them): contacts at
// real booths, and a week of calls whose queue rows end where outreach_record (migration 0020) would
// have left them, with the sweep run since. Pure and deterministic for a seed and a clock.
import { goalMet, type Answers, type Goal } from '../outreach/script.ts';
import { workerName } from './names.ts';
import { pledgeAnswers, surveyAnswers } from './outreach-scripts.ts';
import { streamOf, type Random } from './random.ts';

export interface Booth { id: number; path: string; acNo: number }
export interface PlannedContact {
  phone: string; name: string; language: string; booth: Booth; tags: string[];
  kind: 'voter' | 'beneficiary' | 'supporter'; consent: string;
}

/**
 * Synthetic mobiles: '+9170' and eight digits stepping by a prime, so they never repeat below 10^8
 * contacts; every one is a valid Indian mobile for libphonenumber-js. The same on every seed, so the
 * tenant-less national list (ncpr_numbers) names the same numbers on a redo.
 */
export function demoPhone(i: number): string {
  return `+9170${String((i * 7919 + 1_234_567) % 100_000_000).padStart(8, '0')}`;
}

export function planContacts(seed: number, count: number, booths: readonly Booth[]): PlannedContact[] {
  const r = streamOf(seed, 'outreach-contacts');
  const out: PlannedContact[] = [];
  for (let i = 0; i < count; i++) {
    const female = r.next() < 0.5;
    const x = r.next();
    const language = x < 0.85 ? 'hi' : x < 0.95 ? 'en' : 'ur';
    const tags: string[] = [];
    // Ujjwala connections are in women's names, so most of its beneficiaries are women.
    if (r.next() < (female ? 0.4 : 0.1)) tags.push('ujjwala');
    if (r.next() < 0.2) tags.push('pm_kisan');
    if (r.next() < 0.25) tags.push('youth');
    if (female && r.next() < 0.7) tags.push('women');
    const beneficiary = tags.includes('ujjwala') || tags.includes('pm_kisan');
    const kind = beneficiary && r.next() < 0.85 ? 'beneficiary' : r.next() < 0.25 ? 'supporter' : 'voter';
    const consent = kind === 'beneficiary' ? 'scheme register' : kind === 'supporter' ? 'party membership' : r.pick(['rally sign-up', 'party membership']);
    out.push({ phone: demoPhone(i), name: workerName(seed * 1_000_003 + i, female)[0], language, booth: r.pick(booths), tags, kind, consent });
  }
  return out;
}

export type Outcome = 'answered' | 'busy' | 'no_answer' | 'switched_off' | 'wrong_number' | 'call_back' | 'do_not_call' | 'needs_organiser';
const OUTCOMES: readonly [Outcome, number][] = [['answered', 0.45], ['no_answer', 0.2], ['busy', 0.12], ['switched_off', 0.08],
  ['wrong_number', 0.03], ['call_back', 0.05], ['do_not_call', 0.02], ['needs_organiser', 0.05]];
const RETRY = new Set<Outcome>(['busy', 'no_answer', 'switched_off']);
const NOTES = ['Pension stopped three months ago; wants the booth president to visit', 'Ration card deleted; asked for help with the re-application',
  'Road to the village broken since the monsoon; wants to meet the MLA', 'Wants to join the party; asked for the mandal president\'s number',
  'Hand pump at the school has not worked for weeks'];

export interface CampaignSpec { id: number; key: 'survey' | 'pledge'; members: number[]; priority: number; maxAttempts: number; cooldownMinutes: number; startsAt: number; goal: Goal | null }
export interface Agent { userId: string; languages: string[]; weight: number }
export interface PlannedCall { campaignId: number; contact: number; agent: string; outcome: Outcome; at: number; callbackAt: number | null; note: string | null; answers: Answers }
export interface QueueRow { campaignId: number; contact: number; priority: number; state: string; attempts: number; nextAt: number; isCallback: boolean; lastOutcome: string | null }
export interface CallPlan { calls: PlannedCall[]; queue: QueueRow[]; optOuts: { contact: number; at: number; agent: string }[] }

const HOUR = 3_600_000;
const IST = 5.5 * HOUR;

/**
 * A week of calls: about 35% of each campaign's contacts were reached for, once, or again after a
 * busy line (a few a third time), between 09:00 and 21:00 IST and before `now`. A do-not-call ends the
 * contact's other campaigns too; a contact already opted out or on the national list was suppressed
 * when the queue reached them, as the claim does.
 */
export function planCalls(seed: number, contacts: readonly PlannedContact[], campaigns: readonly CampaignSpec[], agents: readonly Agent[],
  blocked: ReadonlyMap<number, string>, now: number): CallPlan {
  const r = streamOf(seed, 'outreach-calls');
  const byContact = new Map<number, CampaignSpec[]>();
  for (const k of campaigns) for (const c of k.members) byContact.set(c, [...(byContact.get(c) ?? []), k]);
  const plan: CallPlan = { calls: [], queue: [], optOuts: [] };
  for (const [c, mine] of byContact) {
    const contact = contacts[c];
    const reached = mine.filter(() => r.next() < 0.35);
    let events: PlannedCall[] = [];
    if (!blocked.has(c)) for (const k of reached) events.push(...attempts(r, seed, k, c, contact, agents, now));
    events.sort((a, b) => a.at - b.at);
    const stop = events.findIndex((e) => e.outcome === 'do_not_call');
    if (stop >= 0) {
      events = events.slice(0, stop + 1);
      plan.optOuts.push({ contact: c, at: events[stop].at, agent: events[stop].agent });
    }
    plan.calls.push(...events);
    for (const k of mine) {
      const row = settle(k, c, events.filter((e) => e.campaignId === k.id), now);
      if (blocked.has(c) && reached.includes(k)) Object.assign(row, { state: 'suppressed', lastOutcome: blocked.get(c) });
      if (stop >= 0 && row.state !== 'done') Object.assign(row, { state: 'suppressed', lastOutcome: 'opted_out', isCallback: false });
      plan.queue.push(row);
    }
  }
  return plan;
}

/** One contact's calls in one campaign: retries after a busy or unanswered line, until an outcome ends them. */
function attempts(r: Random, seed: number, k: CampaignSpec, c: number, contact: PlannedContact, agents: readonly Agent[], now: number): PlannedCall[] {
  const out: PlannedCall[] = [];
  const speakers = agents.filter((a) => a.languages.includes(contact.language));
  if (speakers.length === 0) return out; // no one speaks it: the contact waits in the queue
  const weekStart = Math.max(k.startsAt, now - 7 * 24 * HOUR);
  let at = callTime(r, weekStart, now, now - weekStart);
  for (let n = 0; n < k.maxAttempts && at !== null; n++) {
    const outcome = drawOutcome(r);
    const call: PlannedCall = { campaignId: k.id, contact: c, agent: pickAgent(r, speakers), outcome, at, callbackAt: null, note: null, answers: {} };
    if (outcome === 'answered') call.answers = (k.key === 'survey' ? surveyAnswers : pledgeAnswers)(r, seed, contact.booth.acNo);
    if (outcome === 'needs_organiser') call.note = r.pick(NOTES);
    if (outcome === 'call_back') call.callbackAt = Math.ceil((now + r.between(2, 72) * HOUR) / 900_000) * 900_000;
    out.push(call);
    // About half of failed attempts are tried again later (a third time for a few), once cooled down.
    if (!RETRY.has(outcome) || r.next() > (n === 0 ? 0.55 : 0.3)) break;
    at = callTime(r, at + k.cooldownMinutes * 60_000, now, 36 * HOUR);
  }
  return out;
}

/** A time within calling hours (09–21 IST) in the `span` after `from`, before `now`; null when a few draws find none. */
function callTime(r: Random, from: number, now: number, span: number): number | null {
  for (let tries = 0; tries < 12; tries++) {
    const at = Math.round(from + r.between(0, span));
    const hour = ((at + IST) % (24 * HOUR)) / HOUR;
    if (hour >= 9 && hour < 21 && at < now - 60_000) return at;
  }
  return null;
}

function drawOutcome(r: Random): Outcome {
  let x = r.next();
  for (const [o, p] of OUTCOMES) if ((x -= p) < 0) return o;
  return 'answered';
}

/** The leaderboard needs a spread: agents are picked in proportion to their weight. */
function pickAgent(r: Random, agents: readonly Agent[]): string {
  let x = r.next() * agents.reduce((s, a) => s + a.weight, 0);
  for (const a of agents) if ((x -= a.weight) < 0) return a.userId;
  return agents[agents.length - 1].userId;
}

/** Where outreach_record leaves the queue row after these calls, and the sweep after it (due waits are ready). */
function settle(k: CampaignSpec, c: number, calls: readonly PlannedCall[], now: number): QueueRow {
  const row: QueueRow = { campaignId: k.id, contact: c, priority: k.priority, state: 'ready', attempts: 0, nextAt: k.startsAt, isCallback: false, lastOutcome: null };
  for (const call of calls) {
    row.lastOutcome = call.outcome;
    row.isCallback = call.outcome === 'call_back';
    if (call.outcome === 'call_back') Object.assign(row, { state: 'waiting', nextAt: call.callbackAt! });
    else {
      row.attempts += 1;
      // With a goal, an answer that misses it is one more attempt; one that meets it ends as goal_met.
      const missed = call.outcome === 'answered' && k.goal !== null && !goalMet(k.goal, call.answers);
      if (call.outcome === 'answered' && k.goal && !missed) row.lastOutcome = 'goal_met';
      const ends = (!RETRY.has(call.outcome) && !missed) || row.attempts >= k.maxAttempts;
      if (ends) row.state = 'done';
      else Object.assign(row, { state: 'waiting', nextAt: call.at + k.cooldownMinutes * 60_000 });
    }
  }
  if (row.state === 'waiting' && row.nextAt <= now) row.state = 'ready';
  return row;
}
