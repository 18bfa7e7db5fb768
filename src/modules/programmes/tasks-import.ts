// Tasks and drives in bulk from a CSV file (docs/data-formats.md, "Tasks"): one row per task. Every row
// is read and checked first, every problem reported as `FILE:LINE: field: message`, and nothing is
// written when there is one; then each task is created exactly as POST /api/tasks does, all in one
// transaction, as the user named on the command line (their grants decide where they may allocate).
import { parse } from 'csv-parse/sync';
import type { Executor } from '../../db/open.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { AppError } from '../../shared/errors.ts';
import { ImportRejected } from '../elections/problems.ts';
import { createTask } from './tasks.service.ts';
import { TaskInput } from './tasks.schemas.ts';

export const TASK_COLUMNS = ['owner_unit', 'title', 'title_hi', 'kind', 'metric', 'unit_label', 'unit_label_hi', 'course', 'target', 'split',
  'assignee_level', 'starts_on', 'due_on', 'evidence', 'description'] as const;
const COLUMN_OF: Record<string, string> = {
  ownerUnitId: 'owner_unit', titleHi: 'title_hi', unitLabel: 'unit_label', unitLabelHi: 'unit_label_hi', courseCode: 'course', splitRule: 'split',
  assigneeLevel: 'assignee_level', startsOn: 'starts_on', dueOn: 'due_on', evidenceRequired: 'evidence',
};
const MAX_PROBLEMS = 200;
type Row = Record<string, string>;

/** A unit named by id or by its bulk key (units.ext_key, as in the organisation's files). */
async function unitIds(db: Executor, tenantId: string, refs: string[]): Promise<Map<string, number>> {
  const keys = refs.filter((r) => !/^\d+$/.test(r));
  const found = keys.length ? await db.selectFrom('units').select(['id', 'ext_key']).where('tenant_id', '=', tenantId).where('ext_key', 'in', keys).execute() : [];
  return new Map([...refs.filter((r) => /^\d+$/.test(r)).map((r) => [r, Number(r)] as const), ...found.map((u) => [u.ext_key!, u.id] as const)]);
}

function toInput(row: Row, unit: number | undefined): unknown {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  return {
    ownerUnitId: unit ?? blank(row.owner_unit), title: blank(row.title), titleHi: blank(row.title_hi), kind: blank(row.kind), metric: blank(row.metric),
    unitLabel: blank(row.unit_label), unitLabelHi: blank(row.unit_label_hi), courseCode: blank(row.course), target: blank(row.target) === undefined ? undefined : Number(row.target),
    splitRule: blank(row.split), assigneeLevel: blank(row.assignee_level), startsOn: blank(row.starts_on), dueOn: blank(row.due_on),
    evidenceRequired: /^(yes|y|true|1|हाँ)$/i.test(row.evidence?.trim() ?? ''), description: blank(row.description),
  };
}

/** Reads and checks the file; throws ImportRejected with every problem, or returns the tasks to create. */
export async function readTasksFile(db: Executor, tenantId: string, file: string, text: string): Promise<{ line: number; input: TaskInput }[]> {
  let rows: Row[];
  try {
    rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, bom: true, relax_column_count: false });
  } catch (e) {
    throw new ImportRejected([`${file}: ${(e as Error).message}`]);
  }
  const units = await unitIds(db, tenantId, [...new Set(rows.map((r) => r.owner_unit?.trim()).filter(Boolean))]);
  const problems: string[] = [];
  const out: { line: number; input: TaskInput }[] = [];
  rows.forEach((row, i) => {
    const line = i + 2; // the header is line 1
    const ref = row.owner_unit?.trim() ?? '';
    if (ref && !units.has(ref)) problems.push(`${file}:${line}: owner_unit: no unit '${ref}' in this tenant`);
    const parsed = TaskInput.safeParse(toInput(row, units.get(ref)));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}:${line}: ${COLUMN_OF[String(issue.path[0])] ?? String(issue.path[0] ?? 'row')}: ${issue.message}`);
    } else out.push({ line, input: parsed.data });
  });
  if (rows.length === 0) problems.push(`${file}: no tasks (expected a header line and one row per task: ${TASK_COLUMNS.join(',')})`);
  if (problems.length) throw new ImportRejected(problems.slice(0, MAX_PROBLEMS));
  return out;
}

/** Creates every task of the file in one transaction as the actor: one refusal and none is created. */
export async function importTasks(db: Executor, actor: Actor, file: string, text: string): Promise<{ ids: number[] }> {
  const tasks = await readTasksFile(db, actor.tenantId, file, text);
  return withActor(db, actor, async (tx) => {
    const ids: number[] = [];
    for (const t of tasks) {
      try {
        ids.push((await createTask(tx, actor, t.input)).id);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const fields = e.errors?.length ? e.errors.map((p) => `${COLUMN_OF[p.field.split('.')[0]] ?? p.field}: ${p.message}`) : [`row: ${e.message}`];
        throw new ImportRejected(fields.map((f) => `${file}:${t.line}: ${f}`));
      }
    }
    return { ids };
  });
}
