// The server's hourly escalation: every tenant's overdue tasks are escalated to the level above once
// (task-shares.ts escalateOverdue), as the system, without anyone having to remember to press a button.
import type { Executor } from '../../db/open.ts';
import { escalateOverdue } from './task-shares.ts';

const EVERY_MS = 60 * 60_000;
const FIRST_AFTER_MS = 60_000;

export async function escalateAllTenants(db: Executor): Promise<{ tasks: number; notified: number }> {
  const tenants = await db.selectFrom('tenants').select('id').execute();
  const total = { tasks: 0, notified: 0 };
  for (const t of tenants) {
    const r = await db.transaction().execute((tx) => escalateOverdue(tx, { system: 'escalation', tenantId: t.id }));
    total.tasks += r.tasks; total.notified += r.notified;
  }
  return total;
}

/** Starts the sweep; the returned function stops it (on shutdown). A failed round is logged and retried next hour. */
export function startEscalationSweep(db: Executor, log: (line: string) => void): () => void {
  const round = () => escalateAllTenants(db)
    .then((r) => { if (r.tasks) log(`escalated ${r.tasks} overdue task(s); ${r.notified} user(s) told`); })
    .catch((e: Error) => log(`escalation sweep failed: ${e.message}`));
  const first = setTimeout(() => void round(), FIRST_AFTER_MS);
  const every = setInterval(() => void round(), EVERY_MS);
  first.unref(); every.unref();
  return () => { clearTimeout(first); clearInterval(every); };
}
