// seed-national: how fast the national demo (1.05 million booths, ~17 million rows) goes into
// PostgreSQL, against a peer run in the same process: the same number of rows made server-side by
// `insert ... select from generate_series` into a table shaped like booth_results (same columns and
// primary key, logged like the real tables). The peer is the ceiling for inserting on this server;
// the ratio is what the seed achieves of it, with its client-side generation, foreign keys and indexes.
import { sql } from 'kysely';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase, redact, type Executor } from '../src/db/open.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { BenchUnavailable, type Bench } from './run.ts';

const seedNational: Bench = async ({ log }) => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new BenchUnavailable('seed-national needs PostgreSQL: set DATABASE_URL to a database of its own, e.g. '
      + 'postgresql://postgres:postgres@127.0.0.1:5432/wr_bench (the benchmark replaces the national demo in it)');
  }
  const database = await openDatabase({ databaseUrl: url });
  try {
    const { db } = database;
    await migrate(database, { log });
    const replaced = Boolean(await db.selectFrom('tenants').select('id').where('slug', '=', 'demo-national').executeTakeFirst());
    log(`seeding the national demo into ${redact(url)}${replaced ? ' (replacing the one there)' : ''}`);
    const phases = phaseClock(log);
    const seed = await seedDemo(db, { scale: 'national', onProgress: phases.onProgress });
    log(`seeded ${seed.rows.toLocaleString('en')} rows in ${seed.seconds.toFixed(1)} s; now the peer`);
    const peer = await peerInsert(db, seed.rows);
    const { server_version: postgres } = (await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0];
    const rowsPerSecond = Math.round(seed.rows / seed.seconds);
    const peerRowsPerSecond = Math.round(peer.rows / peer.seconds);
    return {
      name: 'seed-national', rows: seed.rows, seconds: round(seed.seconds), rowsPerSecond,
      peerSeconds: round(peer.seconds), peerRowsPerSecond, ratio: round(rowsPerSecond / peerRowsPerSecond),
      replaced, phases: phases.seconds, counts: seed.counts, postgres,
    };
  } finally {
    await database.close();
  }
};
export default seedNational;

/** The ceiling: rows generated and inserted inside the server, one statement, no client, no foreign keys. */
async function peerInsert(db: Executor, rows: number): Promise<{ rows: number; seconds: number }> {
  await sql`drop table if exists bench_seed_peer`.execute(db);
  // The shape booth_results had as a table (migration 0002): it is a view over booth_votes since 0012.
  await sql`create table bench_seed_peer (election_id text not null, state_code text not null, ac_no integer not null, part_no integer not null,
    party_code text not null, votes integer not null check (votes >= 0), primary key (election_id, state_code, ac_no, part_no, party_code))`.execute(db);
  try {
    const started = performance.now();
    // Ascending keys, as the seed writes them, so both get the index's rightmost-leaf fast path.
    const result = await sql`insert into bench_seed_peer (election_id, state_code, ac_no, part_no, party_code, votes)
      select 'PEER', 'N01', 1 + g / 300, g, (array['DP', 'IND', 'KM', 'NOTA', 'NU', 'PF', 'RS'])[1 + g % 7], g % 1000
      from generate_series(1, ${rows}::int) g`.execute(db);
    return { rows: Number(result.numAffectedRows ?? 0n), seconds: (performance.now() - started) / 1000 };
  } finally {
    await sql`drop table if exists bench_seed_peer`.execute(db);
  }
}

/** Seconds spent in each phase of the seed, and a progress line on stderr every 5%. */
function phaseClock(log: (line: string) => void) {
  const seconds: Record<string, number> = {};
  let current = '';
  let since = performance.now();
  let lastTwentieth = -1;
  return {
    seconds,
    onProgress(p: { phase: string; done: number; total: number }) {
      if (p.phase !== current) {
        if (current) seconds[current] = round((performance.now() - since) / 1000);
        current = p.phase;
        since = performance.now();
      }
      const twentieth = Math.floor((20 * p.done) / Math.max(1, p.total));
      if (twentieth !== lastTwentieth) {
        lastTwentieth = twentieth;
        log(`  ${p.phase.padEnd(10)} ${(5 * twentieth).toString().padStart(3)}%  ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows`);
      }
    },
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
