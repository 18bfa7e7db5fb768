// On PostgreSQL, requests run on a pool of connections at once: the per-request role and scope
// settings must never leak from one request to another, and servers starting together must not
// trip over each other's migrations. PGlite runs the same tests one transaction at a time.
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgres } from './harness.ts';
import { signInAs, startWorld } from './builders.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';

const { database, world, app, close } = await startWorld();
afterAll(close);

describe('concurrent requests', () => {
  it('never shows one actor another actor\'s scope, under 120 interleaved requests', async () => {
    const who = [
      { email: world.users.adminA.email, roots: [world.units.rootA] },
      { email: world.users.orgS2.email, roots: [world.units.s2] },
      { email: world.users.adminB.email, roots: [world.units.rootB] },
      { email: world.users.orgS1.email, roots: [world.units.s1] },
    ];
    const clients = await Promise.all(who.map(async (w) => ({ ...w, c: await signInAs(app, w.email) })));
    const calls = Array.from({ length: 120 }, (_, i) => clients[i % clients.length]);
    const results = await Promise.all(calls.map(async (w) => {
      const res = await app.inject({ url: '/api/units/roots', headers: w.c.headers() });
      return { expected: w.roots, got: res.json().items.map((u: { id: number }) => u.id) };
    }));
    for (const r of results) expect(r.got).toEqual(r.expected);
  });

  it.skipIf(!onPostgres)('lets several servers migrate the same database at once', async () => {
    const blank = await freshDatabase({ migrated: false });
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: blank.url, poolSize: 2 })));
    const results = await Promise.all(opened.map((d) => migrate(d)));
    // Exactly one server applied the migrations; the others waited and found nothing to do.
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    await Promise.all(opened.map((d) => d.close()));
    await blank.dispose();
  });
});
