// Uploads through the API: the file as the body, a background job, its progress and outcome; party
// aliases and successions as data. The importers themselves are tested in import.test.ts.
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';

const { database, world, app, close } = await startWorld();
afterAll(close);
const db = database.db;

const admin = await signInAs(app, world.users.adminA.email);
const HEAD = 'election_id,state,constituency_no,constituency,reservation,candidate,sex,party,votes,valid_votes';
const GOOD = [HEAD,
  'AE-GJ-2022,Gujarat,1,Abdasa,GEN,"PATEL, RAMESH",M,BJP,500,900',
  'AE-GJ-2022,Gujarat,1,Abdasa,GEN,राम सिंह,M,INC,300,900',
  'AE-GJ-2022,Gujarat,1,Abdasa,GEN,NOTA,,NOTA,100,900',
  'AE-GJ-2022,Gujarat,2,Mandvi,SC,ASHA BEN,F,CPI(M),700,1000',
  'AE-GJ-2022,Gujarat,2,Mandvi,SC,KIRAN,M,BJP,300,1000',
].join('\r\n');

async function upload(c: Client, body: string | Buffer, query: Record<string, string>, contentType = 'text/csv') {
  return app.inject({ method: 'POST', url: `/api/imports?${new URLSearchParams(query)}`, headers: { ...c.headers(true), 'content-type': contentType }, payload: body });
}

/** Polls the import until it has ended, as the upload page does. */
async function outcome(c: Client, id: number) {
  for (let i = 0; i < 600; i++) {
    const res = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: c.headers() });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    if (body.status === 'done' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not end');
}

const count = async (table: 'results' | 'constituencies' | 'imports' | 'boundaries') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0].n;

describe('POST /api/imports', () => {
  it('imports a results CSV in the background: 202, then the summary; the seats exist and the import is audited', async () => {
    const res = await upload(admin, GOOD, { kind: 'results', name: 'gujarat 2022.csv' });
    expect(res.statusCode, res.body).toBe(202);
    const { id, status } = res.json();
    expect(status).toBe('queued');
    expect(res.headers.location).toBe(`/api/imports/${id}`);
    const done = await outcome(admin, id);
    expect(done).toMatchObject({ status: 'done', kind: 'results', fileName: 'gujarat 2022.csv', format: 'canonical', rows: 5, problems: [], progress: null });
    expect(done.importedBy).toBe(world.users.adminA.email);
    expect(done.elections).toEqual([{ id: 'AE-GJ-2022', seats: 2, winners: [{ party: 'BJP', seats: 1 }, { party: 'CPM', seats: 1 }] }]);
    expect(done.bytes).toBe(Buffer.byteLength(GOOD));
    const seats = await db.selectFrom('constituencies').select(['no', 'name']).where('state_code', '=', 'S06').where('house', '=', 'AE').orderBy('no').execute();
    expect(seats).toEqual([{ no: 1, name: 'Abdasa' }, { no: 2, name: 'Mandvi' }]);
    const seatPage = await app.inject({ method: 'GET', url: '/api/seats?election=AE-GJ-2022&party=BJP', headers: admin.headers() });
    expect(seatPage.json().items).toHaveLength(2);

    const list = await app.inject({ method: 'GET', url: '/api/imports', headers: admin.headers() });
    expect(list.json().items[0]).toMatchObject({ id, status: 'done', electionIds: ['AE-GJ-2022'], warningCount: 0, problemCount: 0 });
    const audit = await db.selectFrom('audit_events').select(['type', 'actor_label', 'detail', 'row_ids']).where('type', '=', 'elections.import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: world.users.adminA.email, row_ids: [String(id)], detail: { outcome: 'done', kind: 'results', rows: 5 } });
    // The job's progress record ended with it.
    const job = await db.selectFrom('system_jobs').select(['status']).where('kind', '=', `import:${id}`).executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
  });

  it('rejects a bad file with file:line and field for each problem, and writes nothing', async () => {
    const before = { results: await count('results'), seats: await count('constituencies') };
    const bad = [HEAD,
      'AE-GJ-2022,Gujarat,3,Bhuj,GEN,A,M,BJP,-5,',
      'AE-GJ-2022,Atlantis,4,Nowhere,GEN,B,M,INC,10,',
      'AE-GJ-2022,Gujarat,999,Too far,GEN,C,M,INC,10,',
    ].join('\n');
    const res = await upload(admin, bad, { kind: 'results', name: 'bad.csv' });
    expect(res.statusCode).toBe(202);
    const failed = await outcome(admin, res.json().id);
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/3 problem\(s\)\. Nothing was written/);
    expect(failed.problemCount).toBe(3);
    expect(failed.problems).toEqual([
      { file: 'bad.csv', line: 2, field: 'votes', message: 'negative: -5' },
      { file: 'bad.csv', line: 3, field: 'state', message: "unknown state 'Atlantis'" },
      { file: 'bad.csv', line: 4, field: 'constituency_no', message: 'unknown seat: Gujarat has 182 ACs, not 999' },
    ]);
    expect({ results: await count('results'), seats: await count('constituencies') }).toEqual(before);
    const audit = await db.selectFrom('audit_events').select('detail').where('type', '=', 'elections.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ outcome: 'failed', problems: 3 });
  });

  it('takes any content type, gzip included, and a forced format; an unknown format for the kind is a 400 on the field', async () => {
    const gz = zlib.gzipSync(Buffer.from(GOOD));
    const res = await upload(admin, gz, { kind: 'results', name: 'again.csv.gz', format: 'canonical' }, 'application/json');
    expect(res.statusCode, res.body).toBe(202);
    expect((await outcome(admin, res.json().id)).status).toBe('done');
    const gj = await db.selectFrom('results').select((eb) => eb.fn.countAll<number>().as('n')).where('election_id', '=', 'AE-GJ-2022').executeTakeFirstOrThrow();
    expect(Number(gj.n)).toBe(5); // re-importing replaces, never duplicates

    const wrong = await upload(admin, GOOD, { kind: 'results', format: 'wide' });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.stringify(wrong.json().errors)).toMatch(/format/);
    const empty = await upload(admin, '', { kind: 'results', name: 'empty.csv' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toMatch(/empty/);
  });

  it('imports a one-AC booth file: the AC from its name, election and state from the query', async () => {
    const booths = ['part_no,candidate,party,votes', '1,"PATEL, RAMESH",BJP,120', '1,राम सिंह,INC,80', '2,"PATEL, RAMESH",BJP,60', '2,राम सिंह,INC,90'].join('\n');
    const res = await upload(admin, booths, { kind: 'booths', name: '001.csv', election: 'ae-gj-2022', state: 'GJ' });
    expect(res.statusCode, res.body).toBe(202);
    const done = await outcome(admin, res.json().id);
    expect(done).toMatchObject({ status: 'done', kind: 'booths', format: 'long', electionIds: ['AE-GJ-2022'], details: { booths: 2 } });
    expect(done.elections[0]).toMatchObject({ id: 'AE-GJ-2022', seats: 1 });
    const rows = await db.selectFrom('booth_results').select(['part_no', 'party_code', 'votes']).where('election_id', '=', 'AE-GJ-2022')
      .where('ac_no', '=', 1).orderBy('part_no').orderBy('seq').execute();
    expect(rows).toEqual([{ part_no: 1, party_code: 'BJP', votes: 120 }, { part_no: 1, party_code: 'INC', votes: 80 },
      { part_no: 2, party_code: 'BJP', votes: 60 }, { part_no: 2, party_code: 'INC', votes: 90 }]);
  });

  it('imports boundaries and reports what did not match', async () => {
    const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 23], [x + 1, 23], [x + 1, 22], [x, 22], [x, 23]]] });
    const geo = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { ST_NAME: 'Gujarat', AC_NO: 1 }, geometry: square(68) },
      { type: 'Feature', properties: { ST_NAME: 'Gujarat', AC_NO: 2 }, geometry: square(69) },
      { type: 'Feature', properties: { ST_NAME: 'Gujarat', AC_NO: 0 }, geometry: square(70) },
    ] };
    const res = await upload(admin, JSON.stringify(geo), { kind: 'boundaries', name: 'gujarat_AC.geojson' }, 'application/geo+json');
    const done = await outcome(admin, res.json().id);
    expect(done).toMatchObject({ status: 'done', kind: 'boundaries', format: 'geojson', details: { matched: 2, features: 3 } });
    expect(done.warnings.join('\n')).toMatch(/feature 3 .*no such AC/);
    expect(await count('boundaries')).toBe(2);
  });

  it('refuses a role without elections.import before reading the file, and hides imports from other tenants and sibling units', async () => {
    const imports = await count('imports');
    for (const email of [world.users.viewerA.email, world.users.callerA.email]) {
      const c = await signInAs(app, email);
      const res = await upload(c, GOOD, { kind: 'results', name: 'x.csv' });
      expect(res.statusCode, email).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/imports', headers: c.headers() })).statusCode).toBe(403);
    }
    expect(await count('imports')).toBe(imports);
    const mine = (await app.inject({ method: 'GET', url: '/api/imports', headers: admin.headers() })).json().items[0].id;
    for (const email of [world.users.adminB.email, world.users.orgS2.email]) {
      const c = await signInAs(app, email); // both hold elections.import, in their own scope
      expect((await app.inject({ method: 'GET', url: `/api/imports/${mine}`, headers: c.headers() })).statusCode, email).toBe(404);
      const list = (await app.inject({ method: 'GET', url: '/api/imports', headers: c.headers() })).json().items;
      expect(list.map((i: { id: number }) => i.id)).not.toContain(mine);
    }
    const anonymous = await app.inject({ method: 'POST', url: '/api/imports?kind=results', payload: GOOD, headers: { 'content-type': 'text/csv' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('shows an import whose server stopped reporting as failed, and one just queued elsewhere as queued', async () => {
    const row = (status: 'queued' | 'running', minutesAgo: number) => db.insertInto('imports').values({
      kind: 'results', file_name: `${status}-${minutesAgo}.csv`, format: 'auto', imported_by: world.users.adminA.email, status,
      tenant_id: world.tenantA, unit_path: String(world.units.rootA), user_id: world.users.adminA.id,
      started_at: new Date(Date.now() - minutesAgo * 60_000),
    }).returning('id').executeTakeFirstOrThrow();
    const dead = await row('running', 10);
    await db.insertInto('system_jobs').values({ kind: `import:${dead.id}`, label: 'x', phase: 'writing', done: 5, total: 9,
      updated_at: new Date(Date.now() - 5 * 60_000) }).execute();
    const stale = (await app.inject({ method: 'GET', url: `/api/imports/${dead.id}`, headers: admin.headers() })).json();
    expect(stale).toMatchObject({ status: 'failed', progress: null });
    expect(stale.message).toMatch(/server stopped during this import\. Nothing was written/);
    const fresh = await row('queued', 0);
    expect((await app.inject({ method: 'GET', url: `/api/imports/${fresh.id}`, headers: admin.headers() })).json())
      .toMatchObject({ status: 'queued', progress: { phase: 'queued', done: 0, total: 0 } });
    await db.deleteFrom('imports').where('id', 'in', [dead.id, fresh.id]).execute();
  });

  it('shows CLI imports (no tenant) to every importer, without a tenant', async () => {
    await db.insertInto('imports').values({ kind: 'results', file_name: 'cli.csv', format: 'tcpd', imported_by: 'cli:operator' }).execute();
    const c = await signInAs(app, world.users.adminB.email);
    const list = (await app.inject({ method: 'GET', url: '/api/imports', headers: c.headers() })).json().items;
    expect(list.map((i: { fileName: string }) => i.fileName)).toEqual(['cli.csv']);
  });
});

describe('party aliases and successions', () => {
  const put = (c: Client, url: string, payload: object) => app.inject({ method: 'PUT', url, headers: c.headers(true), payload });

  it('adds, changes and removes an alias; the next import folds with it; every change is audited', async () => {
    const added = await put(admin, `/api/parties/aliases/${encodeURIComponent('Indian National Congress (I)')}`, { party: 'inc', note: 'old name' });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ alias: 'Indian National Congress (I)', party: 'INC', note: 'old name' });
    const list = (await app.inject({ method: 'GET', url: '/api/parties/aliases', headers: admin.headers() })).json().items;
    expect(list).toContainEqual({ alias: 'CPI(M)', party: 'CPM', note: 'ECI reports' });
    expect(list).toContainEqual({ alias: 'Indian National Congress (I)', party: 'INC', note: 'old name' });

    const csv = [HEAD, 'AE-GJ-2017,Gujarat,5,Five,GEN,X,M,Indian National Congress (I),10,'].join('\n');
    const done = await outcome(admin, (await upload(admin, csv, { kind: 'results', name: 'old.csv' })).json().id);
    expect(done.elections[0].winners).toEqual([{ party: 'INC', seats: 1 }]);

    // The same alias in another case is the same alias.
    expect((await put(admin, '/api/parties/aliases/cpi(m)', { party: 'CPI' })).json()).toMatchObject({ alias: 'cpi(m)', party: 'CPI' });
    const removed = await app.inject({ method: 'DELETE', url: '/api/parties/aliases/CPI(M)', headers: admin.headers(true) });
    expect(removed.json()).toEqual({ removed: true });
    expect((await app.inject({ method: 'DELETE', url: '/api/parties/aliases/CPI(M)', headers: admin.headers(true) })).json()).toEqual({ removed: false });
    const audit = await db.selectFrom('audit_events').select('type').where('type', '=', 'parties.alias').execute();
    expect(audit).toHaveLength(3);
  });

  it('refuses aliases that would chain, and viewers', async () => {
    const chained = await put(admin, '/api/parties/aliases/XYZ', { party: 'AAAP' }); // AAAP is an alias of AAP
    expect(chained.statusCode).toBe(400);
    expect(chained.json().errors).toEqual([{ field: 'party', message: 'AAAP is an alias of AAP: use AAP' }]);
    const target = await put(admin, '/api/parties/aliases/BRS', { party: 'INC' }); // TRS and BHRS fold into BRS
    expect(target.statusCode).toBe(400);
    expect(target.json().errors[0].field).toBe('alias');
    const self = await put(admin, '/api/parties/aliases/bjp', { party: 'BJP' });
    expect(self.statusCode).toBe(400);
    const bad = await put(admin, '/api/parties/aliases/X', { party: 'has space' });
    expect(bad.statusCode).toBe(400);
    const viewer = await signInAs(app, world.users.viewerA.email);
    expect((await put(viewer, '/api/parties/aliases/XYZ', { party: 'AAP' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/parties/aliases', headers: viewer.headers() })).statusCode).toBe(200); // reading needs elections.read
  });

  it('keeps successions by year and state, and never shares out more than all of a party\'s votes', async () => {
    const url = '/api/parties/successions';
    expect((await put(admin, url, { from: 'shs', to: 'SHS', weight: 0.6, year: 2022, state: 'Maharashtra' })).json())
      .toEqual({ from: 'SHS', to: 'SHS', weight: 0.6, year: 2022, state: 'S13', note: null });
    expect((await put(admin, url, { from: 'SHS', to: 'SHS(UBT)', weight: 0.4, year: 2022, state: 'S13' })).statusCode).toBe(200);
    const over = await put(admin, url, { from: 'SHS', to: 'BJP', weight: 0.2, year: 2022, state: 'MH' });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([{ field: 'weight', message: 'at most 0: its other successors already take 1' }]);
    // Every state is another row; changing a weight replaces it.
    expect((await put(admin, url, { from: 'SHS', to: 'BJP', weight: 0.2, year: 2022 })).json().state).toBeNull();
    expect((await put(admin, url, { from: 'SHS', to: 'BJP', weight: 0.3, year: 2022 })).json().weight).toBe(0.3);
    const items = (await app.inject({ method: 'GET', url, headers: admin.headers() })).json().items;
    expect(items).toHaveLength(3);
    expect((await put(admin, url, { from: 'SHS', to: 'X', weight: 0.1, year: 2022, state: 'Narnia' })).json().errors[0].field).toBe('state');
    expect((await put(admin, url, { from: 'SHS', to: 'X', weight: 1.5, year: 2022 })).statusCode).toBe(400);
    const del = await app.inject({ method: 'DELETE', url: `${url}?from=SHS&to=BJP&year=2022`, headers: admin.headers(true) });
    expect(del.json()).toEqual({ removed: true });
    expect((await app.inject({ method: 'GET', url, headers: admin.headers() })).json().items).toHaveLength(2);
  });
});
