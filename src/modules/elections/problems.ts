// Problems in an input file, one line each: `FILE:LINE: field: message`. Collection goes on after the
// first problem so a user fixes a file in one round, but is capped so a wrong file does not flood the
// terminal; the cap line says how many more there were.

export interface Problem { line: number; field: string; message: string }

export interface Problems {
  add(line: number, field: string, message: string): void;
  readonly count: number;
  /** The printable lines, capped, with "… and N more" at the end when over the cap. */
  lines(): string[];
}

export function createProblems(fileName: string, cap = 50): Problems {
  const kept: Problem[] = [];
  let count = 0;
  return {
    add(line, field, message) {
      count += 1;
      if (kept.length < cap) kept.push({ line, field, message });
    },
    get count() { return count; },
    lines() {
      const out = kept.map((p) => `${fileName}:${p.line}: ${p.field}: ${p.message}`);
      if (count > kept.length) out.push(`… and ${count - kept.length} more`);
      return out;
    },
  };
}

/** Thrown (inside the import's transaction, so it rolls back) when the file had problems. */
export class ImportRejected extends Error {
  override name = 'ImportRejected';
  constructor(readonly problems: string[]) {
    super(`${problems.length ? problems[0] : 'the file was rejected'}${problems.length > 1 ? ` (and ${problems.length - 1} more lines)` : ''}`);
  }
}

/** Warnings that go into the summary: repeated kinds are counted rather than listed row by row. */
export interface Warnings {
  add(message: string): void;
  count(kind: string, example?: string): void;
  list(): string[];
}

export function createWarnings(): Warnings {
  const messages: string[] = [];
  const counted = new Map<string, { n: number; example?: string }>();
  return {
    add: (m) => { messages.push(m); },
    count(kind, example) {
      const c = counted.get(kind) ?? { n: 0, example };
      c.n += 1;
      counted.set(kind, c);
    },
    list: () => [...messages, ...[...counted].map(([kind, c]) => `${kind}: ${c.n.toLocaleString('en')}${c.example ? ` (e.g. ${c.example})` : ''}`)],
  };
}

/** Parses a whole non-negative number; '' is null; anything else is reported and returns undefined. */
export function wholeNumber(text: string, line: number, field: string, problems: Problems): number | null | undefined {
  if (text === '') return null;
  const t = text.replace(/,/g, '');
  if (!/^-?\d+(\.0+)?$/.test(t)) { problems.add(line, field, `not a number: '${text}'`); return undefined; }
  const n = Number.parseInt(t, 10);
  if (n < 0) { problems.add(line, field, `negative: ${n}`); return undefined; }
  if (n > 2_000_000_000) { problems.add(line, field, `too large: ${n}`); return undefined; }
  return n;
}

export function decimal(text: string, line: number, field: string, problems: Problems, max = 100): number | null | undefined {
  if (text === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > max) { problems.add(line, field, `not a number between 0 and ${max}: '${text}'`); return undefined; }
  return n;
}
