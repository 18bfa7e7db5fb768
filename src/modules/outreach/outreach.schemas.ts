// Call centres, campaigns and the queue at the edge (issue 6, first part).
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';
import { SeatClassName } from '../elections/seats.schemas.ts';
import { Goal, Lang, Script } from './script.ts';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00');
/** The end of calling hours may be 24:00 (until midnight). */
const ClockEnd = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time such as 21:00, or 24:00');

export const CentreInput = z.object({
  name: z.string().trim().min(1).max(120), place: z.string().trim().max(200).nullish(), unitId: Id,
  languages: z.array(Lang).min(1).max(10).default(['hi']),
});
export const AgentInput = z.object({ userId: z.uuid(), languages: z.array(Lang).min(1).max(10), shiftFrom: Clock.nullish(), shiftTo: Clock.nullish(), active: z.boolean().default(true),
  /** The agent's own phone, for bridged calls (the provider rings it first). */
  phone: z.string().trim().min(3).max(30).nullish() });

/** Which contacts a campaign calls: every condition given must hold. */
export const ContactFilter = z.object({
  tags: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  kind: z.enum(['voter', 'beneficiary', 'supporter']).optional(),
  languages: z.array(Lang).max(10).optional(),
  stateCode: z.string().regex(/^[A-Z0-9]{2,4}$/).optional(),
  acNos: z.array(z.number().int().min(1).max(9999)).max(500).optional(),
  /** Contacts in assembly seats of these classes for a party in an election (the seats page's classes). */
  seats: z.object({ election: z.string().regex(/^[A-Z0-9-]+$/), party: z.string().trim().min(1).max(40), classes: z.array(SeatClassName).min(1) }).optional(),
  /** Contacts who gave one of these answers to a question in an earlier campaign. */
  answered: z.object({ campaignId: Id, question: z.string().max(40), anyOf: z.array(z.string().max(40)).min(1).max(20) }).optional(),
});
export const CampaignInput = z.object({
  centreId: Id, name: z.string().trim().min(1).max(200), target: ContactFilter.default({}),
  script: Script.default({ questions: [] }), goal: Goal.nullish(),
  maxAttempts: z.number().int().min(1).max(20).default(3), cooldownMinutes: z.number().int().min(0).max(10080).default(120),
  priority: z.number().int().min(-100).max(100).default(0), callingFrom: Clock.default('09:00'), callingTo: ClockEnd.default('21:00'),
  startsAt: z.iso.datetime(), endsAt: z.iso.datetime(),
}).refine((c) => c.endsAt > c.startsAt, { message: 'ends before it starts', path: ['endsAt'] })
  .refine((c) => c.callingTo > c.callingFrom, { message: 'calling hours end before they start', path: ['callingTo'] })
  .refine((c) => !c.goal || c.script.questions.some((q) => q.id === c.goal!.question), { message: 'the goal asks about a question the script does not have', path: ['goal', 'question'] });
/** What can change on a running campaign (its contacts and centre stay). */
export const CampaignPatch = z.object({
  name: z.string().trim().min(1).max(200), script: Script, goal: Goal.nullable(),
  maxAttempts: z.number().int().min(1).max(20), cooldownMinutes: z.number().int().min(0).max(10080), priority: z.number().int().min(-100).max(100),
  callingFrom: Clock, callingTo: ClockEnd, endsAt: z.iso.datetime(),
}).partial();
export const CampaignStatus = z.object({ status: z.enum(['active', 'paused', 'ended']) });

export const Outcome = z.enum(['answered', 'busy', 'no_answer', 'switched_off', 'wrong_number', 'call_back', 'do_not_call', 'needs_organiser']);
export const OutcomeInput = z.object({
  idempotencyKey: z.uuid(), campaignId: Id, contactId: Id, outcome: Outcome, callbackAt: z.iso.datetime().nullish(),
  answers: z.record(z.string().max(60), z.union([z.string().max(2000), z.number(), z.array(z.string().max(200)).max(50)])).default({}),
  note: z.string().trim().max(2000).nullish(),
}).refine((o) => o.outcome !== 'call_back' || !!o.callbackAt, { message: 'say when to call back', path: ['callbackAt'] });

export const Claimed = z.object({
  contact: z.object({
    campaignId: z.number(), contactId: z.number(), name: z.string().nullable(), phone: z.string(), phoneMasked: z.boolean(),
    language: z.string(), stateCode: z.string().nullable(), acNo: z.number().nullable(), leaseUntil: z.string(), attempts: z.number(), isCallback: z.boolean(),
  }).nullable(),
  /** The campaign's name and script, so the agent can read it out and walk the survey. */
  campaign: z.object({ id: z.number(), name: z.string(), script: z.unknown(), maxAttempts: z.number() }).nullable().optional(),
  /** Why nothing was handed out: 'empty' (no one to call in your languages) or 'outside_hours'. */
  reason: z.string().nullable(),
});
export const Recorded = z.object({ callId: z.number(), duplicate: z.boolean(), state: z.string().nullable() });

/** Where a campaign's contacts stand; done and suppressed by their last outcome or reason. */
export const QueueCounts = z.object({
  total: z.number(), ready: z.number(), held: z.number(), paused: z.number(), coolingDown: z.number(), callBackLater: z.number(),
  done: z.record(z.string(), z.number()), suppressed: z.record(z.string(), z.number()),
});

export const CentreOut = z.object({ id: z.number(), name: z.string(), place: z.string().nullable(), languages: z.array(z.string()), unitId: z.number(),
  agents: z.number(), campaigns: z.number() });
export const CampaignSummary = z.object({ id: z.number(), centreId: z.number(), centre: z.string(), name: z.string(), status: z.string(), priority: z.number(),
  startsAt: z.string(), endsAt: z.string(), callingFrom: z.string(), callingTo: z.string(), contacts: z.number(), ready: z.number(), done: z.number() });
export const CampaignOut = CampaignSummary.extend({ target: z.unknown(), script: z.unknown(), goal: z.unknown().nullable(), maxAttempts: z.number(),
  cooldownMinutes: z.number(), languages: z.array(z.string()) });
/** The centres where the signed-in user is an agent: what the agent screen offers. */
export const MyCentre = z.object({ centreId: z.number(), name: z.string(), languages: z.array(z.string()), active: z.boolean() });
