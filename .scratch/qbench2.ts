import { sql } from 'kysely';
import { openDatabase } from '/work/main/src/db/open.ts';
const d = await openDatabase({ databaseUrl: 'postgresql://postgres:postgres@127.0.0.1:5432/wr_callbench', poolSize: 4 });
const N = 20000;
async function run(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 1000; i++) await f();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < N; i++) await f();
  const c = process.cpuUsage(c0);
  console.log(label, ((c.user + c.system) / N).toFixed(1), 'µs cpu/query', ((performance.now() - t0) * 1000 / N).toFixed(1), 'µs wall');
}
await d.db.connection().execute(async (c) => { await run('kysely conn: sql select $1', () => sql`select ${1}::int as x`.execute(c)); });
await d.close();
