// Call centres, campaigns and the queue at the edge (issue 6, first part).
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';

const Lang = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code such as hi');
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00');

export const CentreInput = z.object({
  name: z.string().trim().min(1).max(120), place: z.string().trim().max(200).nullish(), unitId: Id,
  languages: z.array(Lang).min(1).max(10).default(['hi']),
});
export const AgentInput = z.object({ userId: z.uuid(), languages: z.array(Lang).min(1).max(10), shiftFrom: Clock.nullish(), shiftTo: Clock.nullish(), active: z.boolean().default(true) });

/** Which contacts a campaign calls: every condition given must hold. */
export const ContactFilter = z.object({
  tags: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  kind: z.enum(['voter', 'beneficiary', 'supporter']).optional(),
  languages: z.array(Lang).max(10).optional(),
  stateCode: z.string().regex(/^[A-Z0-9]{2,4}$/).optional(),
  acNos: z.array(z.number().int().min(1).max(9999)).max(500).optional(),
});
export const CampaignInput = z.object({
  centreId: Id, name: z.string().trim().min(1).max(200), target: ContactFilter.default({}),
  script: z.record(z.string(), z.unknown()).default({}),
  maxAttempts: z.number().int().min(1).max(20).default(3), cooldownMinutes: z.number().int().min(0).max(10080).default(120),
  priority: z.number().int().min(-100).max(100).default(0), callingFrom: Clock.default('09:00'), callingTo: Clock.default('21:00'),
  startsAt: z.iso.datetime(), endsAt: z.iso.datetime(),
}).refine((c) => c.endsAt > c.startsAt, { message: 'ends before it starts', path: ['endsAt'] })
  .refine((c) => c.callingTo > c.callingFrom, { message: 'calling hours end before they start', path: ['callingTo'] });
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
  /** Why nothing was handed out: 'empty' (no one to call in your languages) or 'outside_hours'. */
  reason: z.string().nullable(),
});
export const Recorded = z.object({ callId: z.number(), duplicate: z.boolean(), state: z.string().nullable() });

/** Where a campaign's contacts stand; done and suppressed by their last outcome or reason. */
export const QueueCounts = z.object({
  total: z.number(), ready: z.number(), held: z.number(), paused: z.number(), coolingDown: z.number(), callBackLater: z.number(),
  done: z.record(z.string(), z.number()), suppressed: z.record(z.string(), z.number()),
});
