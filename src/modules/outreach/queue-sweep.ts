// The queue's sweep, run by the server: call-backs and retries that fell due become ready, and a lease
// that ran out (the agent vanished, the browser closed, the server was killed mid-call) goes back to the
// queue without counting an attempt (outreach_sweep, migration 0020). Once at start, so nothing stays
// held past its lease after a crash, then every few seconds.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';

const EVERY_MS = 5_000;

export async function sweepQueue(db: Executor): Promise<{ promoted: number; released: number }> {
  const { rows } = await sql<{ promoted: number; released: number }>`select * from outreach_sweep()`.execute(db);
  return rows[0] ?? { promoted: 0, released: 0 };
}

/** Starts the sweep; the returned function stops it. A failed round is logged and the next one tries again. */
export function startQueueSweep(db: Executor, log: (line: string) => void): () => void {
  let running = false;
  const round = async () => {
    if (running) return; // a slow round (a million rows due at once) is not stacked on
    running = true;
    try {
      const r = await sweepQueue(db);
      if (r.released) log(`call queue: ${r.released} lapsed lease(s) returned to the queue`);
    } catch (e) {
      log(`call queue sweep failed: ${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  void round();
  const every = setInterval(() => void round(), EVERY_MS);
  every.unref();
  return () => clearInterval(every);
}
