// The review at the edge (docs/programmes.md): a scorecard of one unit — target against actual for
// every task with a target that reaches it, its children ranked by attainment, who is lacking and who
// did well, and the trend since the last review. The PDF and XLSX decks are drawn from the same shape.
import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';

/** One metric row: a task with a numeric target, at one unit. attainment = actual / target (0..∞), null without a target. */
export const MetricRow = z.object({
  taskId: z.number(),
  title: z.string(),
  titleHi: z.string().nullable(),
  kind: z.enum(['task', 'drive']),
  metric: z.string(),              // 'booths_formed' | 'workers_verified' | 'reported' | 'drive_reports' …
  unitLabel: z.string().nullable(), // what is counted, for reported metrics ('wall paintings')
  dueDate: z.string(),             // ISO date
  target: z.number().nullable(),
  actual: z.number(),
  attainment: z.number().nullable(),
  previousAttainment: z.number().nullable(), // at the last review of this unit, when there was one
  isOverdue: z.boolean(),
});
export type MetricRow = z.infer<typeof MetricRow>;

export const UnitRef = z.object({ id: z.number(), name: z.string(), nameHi: z.string().nullable(), level: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

/** A child of the scope: its attainment over all metrics (mean of min(1, actual/target)) and per metric. */
export const ChildRow = UnitRef.extend({
  rank: z.number(),
  attainment: z.number().nullable(),
  previousAttainment: z.number().nullable(),
  metrics: z.array(z.object({ taskId: z.number(), target: z.number().nullable(), actual: z.number(), attainment: z.number().nullable() })),
  worstTaskId: z.number().nullable(),
});
export type ChildRow = z.infer<typeof ChildRow>;

export const Scorecard = z.object({
  unit: UnitRef,
  breadcrumb: z.array(UnitRef),
  asOf: z.string(),                       // ISO timestamp the figures were read
  lastReviewAt: z.string().nullable(),    // the snapshot the trend compares with
  attainment: z.number().nullable(),
  previousAttainment: z.number().nullable(),
  metrics: z.array(MetricRow),
  children: z.array(ChildRow),            // ranked, best first
  lacking: z.array(ChildRow),             // below the lacking threshold, worst first
  didWell: z.array(ChildRow),             // at or above the did-well threshold, best first
});
export type Scorecard = z.infer<typeof Scorecard>;

export const ReviewParams = z.object({ unitId: Id });
export const ReviewQuery = z.object({ lang: z.enum(['en', 'hi']).default('en') });

/** The deck: the scope's scorecard as a summary page, then one page per child unit (every state of the nation). */
export type DeckInput = {
  locale: 'en' | 'hi';
  title: string;
  generatedAt: string;
  summary: Scorecard;
  pages: Scorecard[];
};
