// The manager's live dashboard, the to-do list of calls needing an organiser, and its resolution, at
// the edge (issue 6). Shared by server and web.
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';
import { QueueCounts } from './outreach.schemas.ts';

const Code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
export const DashboardQuery = z.object({
  /** The window of the per-hour chart and the leaderboard: the last N hours (India time, whole hours). */
  hours: z.coerce.number().int().min(1).max(24 * 14).default(24),
  /** Seat classes: an assembly election and a party; defaults are picked when absent (see dashboard-seats.ts). */
  election: z.string().regex(/^[A-Z0-9-]+$/).max(60).optional(),
  party: z.string().trim().min(1).max(40).optional(),
  /** The sentiment shown by AC and seat class: a question and one of its options (default: the first single choice, its first option). */
  question: Code.optional(),
  option: Code.optional(),
  /** Show who was called in the QA sample (needs personal.unmask; audited as a read of personal data). */
  qaContacts: z.enum(['0', '1']).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Rate = z.number().nullable();
export const SurveyResult = z.object({
  question: z.string(), kind: z.enum(['single', 'multi', 'scale', 'text']), text: z.record(z.string(), z.string()), answered: z.number(),
  /** Counts per option (single, multi) or per scale point; none for free text, which is not aggregated. */
  counts: z.array(z.object({ value: z.string(), label: z.record(z.string(), z.string()).nullable(), n: z.number() })),
});
export const AcRow = z.object({ stateCode: z.string().nullable(), acNo: z.number().nullable(), name: z.string().nullable(), nameHi: z.string().nullable(),
  calls: z.number(), answered: z.number(), sentimentAnswered: z.number(), sentimentYes: z.number(), share: Rate });
export const SeatClassRow = z.object({ seatClass: z.string(), seats: z.number(), calls: z.number(), answered: z.number(),
  sentimentAnswered: z.number(), sentimentYes: z.number(), share: Rate });
export const AgentRow = z.object({ userId: z.string().nullable(), name: z.string().nullable(), calls: z.number(), answered: z.number(),
  activeHours: z.number(), perHour: Rate });
export const QaCall = z.object({ callId: z.number(), agent: z.string().nullable(), outcome: z.string(), answers: z.record(z.string(), z.unknown()),
  note: z.string().nullable(), at: z.string(), stateCode: z.string().nullable(), acNo: z.number().nullable(),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable() });

export const Dashboard = z.object({
  campaign: z.object({ id: z.number(), name: z.string(), status: z.string(), centre: z.string() }),
  asOf: z.string(), hours: z.number(), lastCallId: z.number().nullable(),
  totals: z.object({ calls: z.number(), answered: z.number(), callsToday: z.number(), answeredToday: z.number(),
    contactsCalled: z.number(), contactsReached: z.number(), contactRate: Rate, reachRate: Rate }),
  perHour: z.array(z.object({ hour: z.string(), calls: z.number(), answered: z.number() })),
  outcomes: z.record(z.string(), z.number()),
  survey: z.array(SurveyResult),
  sentiment: z.object({ question: z.string(), option: z.string(), text: z.record(z.string(), z.string()), label: z.record(z.string(), z.string()) }).nullable(),
  byAc: z.array(AcRow),
  seatClasses: z.object({ election: z.string(), electionName: z.string(), party: z.string(), items: z.array(SeatClassRow) }).nullable(),
  /** Why seat classes are missing: no_state, no_election, no_party, not_assembly. */
  seatClassesReason: z.string().nullable(),
  seatElection: z.string().nullable(),
  agents: z.array(AgentRow),
  queue: QueueCounts,
  qa: z.array(QaCall),
  qaContactsShown: z.boolean(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const LiveQuery = z.object({ once: z.enum(['0', '1']).optional() });

export const TodoQuery = z.object({ campaignId: Id.optional() });
export const TodoItem = z.object({ callId: z.number(), campaignId: z.number(), campaign: z.string(), contactId: z.number(), name: z.string().nullable(),
  phone: z.string().nullable(), stateCode: z.string().nullable(), acNo: z.number().nullable(), acName: z.string().nullable(), acNameHi: z.string().nullable(), agent: z.string().nullable(),
  note: z.string().nullable(), at: z.string() });
export const Todo = z.object({ items: z.array(TodoItem), truncated: z.boolean() });
export const ResolveInput = z.object({ resolution: z.string().trim().min(1).max(2000) });
export const Resolved = z.object({ callId: z.number(), resolvedAt: z.string() });
