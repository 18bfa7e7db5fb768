// Walking a campaign's survey on the agent screen: the words in the contact's language, the path the
// answers lead down (only that path is shown), the answers to send (those on the path), and what a
// digit key picks. Pure; the branching itself is the shared script.ts.
import { walk, type Answer, type Answers, type Question, type Script } from '../../../../../src/modules/outreach/script.ts';

/** The text in the first of these languages it is given in, else in any language it has. */
export function textIn(text: Record<string, string> | undefined, langs: string[]): string | null {
  if (!text) return null;
  for (const l of langs) if (text[l]) return text[l];
  return Object.values(text)[0] ?? null;
}

export const isAnswered = (a: Answer | undefined) => a !== undefined && a !== '' && !(Array.isArray(a) && a.length === 0);

/** The answers on the path the call took; an answer left behind by going back and choosing another branch is dropped. */
export function answersOnPath(script: Script, answers: Answers): Answers {
  const out: Answers = {};
  for (const q of walk(script, answers)) if (isAnswered(answers[q.id])) out[q.id] = answers[q.id];
  return out;
}

/** The scale's values, low to high. */
export function scaleValues(q: Question): number[] {
  const min = q.min ?? 1;
  const max = q.max ?? 5;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * What a digit key does to a question's answer: the nth option (1 is the first) for a single choice,
 * the nth option toggled for a multiple choice, the value itself on a scale. Undefined when the key
 * means nothing there.
 */
export function answerForDigit(q: Question, digit: number, current: Answer | undefined): Answer | undefined {
  if (q.kind === 'single') return q.options?.[digit - 1]?.value;
  if (q.kind === 'multi') {
    const v = q.options?.[digit - 1]?.value;
    if (!v) return undefined;
    const now = Array.isArray(current) ? current : [];
    return now.includes(v) ? now.filter((x) => x !== v) : [...now, v];
  }
  if (q.kind === 'scale') return scaleValues(q).includes(digit) ? digit : undefined;
  return undefined;
}
