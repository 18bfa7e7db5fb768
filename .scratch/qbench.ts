import { sql } from 'kysely';
import { openDatabase } from '/work/main/src/db/open.ts';
const d = await openDatabase({ databaseUrl: 'postgresql://postgres:postgres@127.0.0.1:5432/wr_callbench', poolSize: 4 });
const N = 4000;
async function run(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 500; i++) await f();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < N; i++) await f();
  const c = process.cpuUsage(c0);
  console.log(label, ((c.user + c.system) / N).toFixed(1), 'µs cpu/query', ((performance.now() - t0) * 1000 / N).toFixed(1), 'µs wall');
}
const pool = (d.db as any).getExecutor().adapter ? null : null;
await run('kysely sql select $1', () => sql`select ${1}::int as x`.execute(d.db));
await run('kysely sql select 1 (no params)', () => sql`select 1 as x`.execute(d.db));
await run('kysely connection() + 3 queries', () => d.db.connection().execute(async (c) => { await sql`select ${1}::int`.execute(c); await sql`select ${2}::int`.execute(c); await sql`select ${3}::int`.execute(c); }));
const pg = (await import('pg')).default;
const p = new pg.Pool({ connectionString: 'postgresql://postgres:postgres@127.0.0.1:5432/wr_callbench', max: 4 });
await run('raw pg pool.query prepared', () => p.query({ name: 'x', text: 'select $1::int as x', values: [1] }));
const cl = await p.connect();
await run('raw pg client.query prepared', () => cl.query({ name: 'x', text: 'select $1::int as x', values: [1] }));
cl.release();
await d.close(); await p.end();
