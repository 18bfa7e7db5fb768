// Bulk inserts for the seed: `insert ... select from unnest($1::int[], ...)` with one parameter per
// column, which PGlite and PostgreSQL run identically and far faster than VALUES lists.
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../db/open.ts';

/**
 * An int[] parameter as its text literal. Joining a typed array natively is several times faster
 * than letting the driver serialise a JS array element by element; both drivers pass text through.
 */
export function intArray(values: Int32Array | readonly (number | null)[]): string {
  if (ArrayBuffer.isView(values)) return `{${values.join(',')}}`;
  return `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;
}

export interface BulkWriter {
  /**
   * Queues an insert; waits only when maxInFlight inserts are already running. `also` credits rows the
   * statement wrote to other tables (data-modifying CTEs), which its row count does not include.
   */
  run(table: string, query: RawBuilder<unknown>, also?: Record<string, number>): Promise<void>;
  /** Waits for everything queued: a barrier before rows that reference these ones. */
  flush(): Promise<void>;
  /** Rows inserted so far, per table. */
  readonly counts: Record<string, number>;
}

/**
 * Keeps up to maxInFlight inserts running while the caller builds the next chunk, so JavaScript and
 * the database work at the same time (on PostgreSQL on separate connections of the pool; PGlite
 * queues them on its one connection).
 */
export function createWriter(db: Executor, opts: { maxInFlight?: number; onRows?: (rows: number) => void } = {}): BulkWriter {
  const maxInFlight = opts.maxInFlight ?? 2;
  const running = new Set<Promise<void>>();
  const counts: Record<string, number> = {};
  let failure: unknown = null;
  const check = () => { if (failure) throw failure; };
  return {
    counts,
    async run(table, query, also = {}) {
      check();
      const job: Promise<void> = query.execute(db).then((result) => {
        const rows = Number(result.numAffectedRows ?? 0n);
        counts[table] = (counts[table] ?? 0) + rows;
        for (const [t, n] of Object.entries(also)) counts[t] = (counts[t] ?? 0) + n;
        opts.onRows?.(rows + Object.values(also).reduce((a, b) => a + b, 0));
      }, (err: unknown) => { failure ??= err; }).finally(() => running.delete(job));
      running.add(job);
      while (running.size >= maxInFlight) await Promise.race(running);
      check();
    },
    async flush() {
      await Promise.all(running);
      check();
    },
  };
}
