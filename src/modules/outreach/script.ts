// A campaign's script: what the agent says (per language) and the survey, whose questions branch on
// the answers. Pure: the server checks answers against it, the agent screen walks it (web imports this
// file), and a campaign's goal is tested with it. Shared by server and web, so no server imports here.
import { z } from 'zod';

export const Lang = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code such as hi');
const QuestionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a short id: lower-case letters, digits and _');
const OptionValue = z.string().regex(/^[a-z0-9_]{1,40}$/, 'a short value: lower-case letters, digits and _');
/** Words in each language the campaign calls in: { hi: '…', en: '…' }. */
export const Text = z.record(Lang, z.string().trim().min(1).max(2000)).refine((t) => Object.keys(t).length > 0, 'give the text in at least one language');
/** Where to go after a question or an option: another question's id, or 'end'. */
const Next = z.union([QuestionId, z.literal('end')]);

export const Question = z.object({
  id: QuestionId,
  kind: z.enum(['single', 'multi', 'scale', 'text']),
  text: Text,
  options: z.array(z.object({ value: OptionValue, label: Text, next: Next.optional() })).max(20).optional(),
  min: z.number().int().min(0).max(10).optional(),
  max: z.number().int().min(1).max(10).optional(),
  required: z.boolean().default(false),
  next: Next.optional(),
}).superRefine((q, ctx) => {
  const choice = q.kind === 'single' || q.kind === 'multi';
  if (choice && (q.options?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice needs at least two options' });
  if (!choice && q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${q.kind} question has no options` });
  if (q.kind === 'scale' && (q.min ?? 1) >= (q.max ?? 5)) ctx.addIssue({ code: 'custom', path: ['max'], message: 'the scale ends below its start' });
  if (choice && new Set(q.options!.map((o) => o.value)).size !== q.options!.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'two options have the same value' });
});
export type Question = z.infer<typeof Question>;

export const Script = z.object({
  intro: Text.optional(),
  questions: z.array(Question).max(50).default([]),
  closing: Text.optional(),
}).superRefine((s, ctx) => {
  const ids = s.questions.map((q) => q.id);
  s.questions.forEach((q, i) => {
    if (ids.indexOf(q.id) !== i) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `${q.id} is used twice` });
    const jumps = [q.next, ...(q.options ?? []).map((o) => o.next)];
    for (const to of jumps) {
      if (to === undefined || to === 'end') continue;
      // Only forward: a loop would never end the call.
      if (ids.indexOf(to) <= i) ctx.addIssue({ code: 'custom', path: ['questions', i, 'next'], message: `${to} is not a later question` });
    }
  });
});
export type Script = z.infer<typeof Script>;

/** A campaign's goal: a contact whose answer meets it leaves the queue; one who answers without meeting it is tried again. */
export const Goal = z.object({ question: QuestionId, anyOf: z.array(OptionValue).min(1).max(20).optional(), atLeast: z.number().int().optional() })
  .refine((g) => (g.anyOf === undefined) !== (g.atLeast === undefined), 'say anyOf (for a choice) or atLeast (for a scale)');
export type Goal = z.infer<typeof Goal>;

export type Answer = string | number | string[];
export type Answers = Record<string, Answer>;

/** The question after `q` given its answer: the chosen option's jump, else the question's, else the next in order. */
export function nextQuestion(script: Script, q: Question, answer: Answer | undefined): Question | null {
  const option = q.kind === 'single' && typeof answer === 'string' ? q.options?.find((o) => o.value === answer) : undefined;
  const to = option?.next ?? q.next;
  if (to === 'end') return null;
  if (to) return script.questions.find((x) => x.id === to) ?? null;
  return script.questions[script.questions.indexOf(q) + 1] ?? null;
}

/** The questions the call went through, in order, for these answers (the path the agent walked). */
export function walk(script: Script, answers: Answers): Question[] {
  const path: Question[] = [];
  for (let q: Question | null = script.questions[0] ?? null; q; q = nextQuestion(script, q, answers[q.id])) path.push(q);
  return path;
}

/**
 * What is wrong with these answers, by field ('answers.<id>'): answers to questions off the path or not
 * in the script, values that are not options or outside the scale, and required questions left out (only
 * when the call was answered).
 */
export function checkAnswers(script: Script, answers: Answers, answered: boolean): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const path = walk(script, answers);
  const onPath = new Set(path.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!script.questions.some((q) => q.id === id)) errors.push({ field: `answers.${id}`, message: 'no such question in this script' });
    else if (!onPath.has(id)) errors.push({ field: `answers.${id}`, message: 'the earlier answers skip this question' });
  }
  for (const q of path) {
    const a = answers[q.id];
    const field = `answers.${q.id}`;
    if (a === undefined || a === '' || (Array.isArray(a) && a.length === 0)) {
      if (q.required && answered) errors.push({ field, message: 'required' });
      continue;
    }
    const values = new Set((q.options ?? []).map((o) => o.value));
    if (q.kind === 'single' && (typeof a !== 'string' || !values.has(a))) errors.push({ field, message: 'not one of the options' });
    if (q.kind === 'multi' && (!Array.isArray(a) || a.some((v) => !values.has(v)))) errors.push({ field, message: 'not a list of the options' });
    if (q.kind === 'scale' && (typeof a !== 'number' || !Number.isInteger(a) || a < (q.min ?? 1) || a > (q.max ?? 5))) errors.push({ field, message: `a whole number from ${q.min ?? 1} to ${q.max ?? 5}` });
    if (q.kind === 'text' && typeof a !== 'string') errors.push({ field, message: 'text' });
  }
  return errors;
}

/** Whether the answers meet the goal. */
export function goalMet(goal: Goal, answers: Answers): boolean {
  const a = answers[goal.question];
  if (goal.anyOf) return (Array.isArray(a) ? a : [a]).some((v) => typeof v === 'string' && goal.anyOf!.includes(v));
  return typeof a === 'number' && a >= goal.atLeast!;
}
