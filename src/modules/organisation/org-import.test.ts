// Bulk import and export of the organisation through the API (upload, background job, problems) and
// the CLI: good files of each kind in CSV and XLSX, idempotent re-imports, a bad file with every
// problem and nothing written, an import reaching outside the actor's scope, and export round trips.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';
import { onPostgres } from '../../../test/harness.ts';
import { normalisePhone } from '../../shared/phones.ts';
import { normaliseBulkPhone } from './org-import-phone.ts';

const { database, world, app, close } = await startWorld();
afterAll(close);
const db = database.db;
const { units: u } = world;
await db.updateTable('units').set({ state_code: 'T01', ac_no: 1, part_no: 7 }).where('id', '=', u.booth1).execute();

const admin = await signInAs(app, world.users.adminA.email);
const orgS1 = await signInAs(app, world.users.orgS1.email);

const UNITS = [
  'Key,Parent_Key,Level,Name,Name_HI,Wing,State_Code,AC_No,Part_No',
  `T01-AC-2,#${u.d1},ac,Second Assembly,दूसरी विधानसभा,,T01,2,`,
  'T01-2-1,T01-AC-2,booth,Booth 1 of AC 2,,,T01,2,1',
  'T01-2-2,T01-AC-2,booth,"Booth 2, AC 2",,,T01,2,2',
  `S1-YOUTH,#${u.s1},state,Canary Youth Wing,युवा मोर्चा,youth,,,`,
].join('\n');
const PEOPLE = [
  'phone,name,name_hi,gender,age_band,category,epic,home,wings,phone_verified',
  '+91 98765 43210,Asha Devi,आशा देवी,female,26-35,SC,ABC1234567,T01-2-1,women;youth,yes',
  '09876543211,Ravi Kumar,,male,36-45,OBC,,T01/2/2,,no',
  `9876543212,Meena,,F,18-25,GEN,,#${u.booth1},,`,
].join('\n');
const DESIGNATIONS = [
  'phone,unit,code,seat,from,to',
  '9876543210,T01-2-1,booth_president,1,2024-01-15,',
  '9876543211,T01-2-1,member,2,2024-02-01,',
  '9876543212,T01-2-1,member,3,01/03/2023,31/12/2023',
  `9876543212,#${u.booth1},booth_president,,,`,
].join('\n');

async function upload(c: Client, kind: string, name: string, body: string | Buffer) {
  return app.inject({ method: 'POST', url: `/api/org/imports?${new URLSearchParams({ kind, name })}`, headers: { ...c.headers(true), 'content-type': 'application/octet-stream' }, payload: body });
}

/** Uploads and polls until the import ends, as the Imports page does. */
async function imported(c: Client, kind: string, name: string, body: string | Buffer) {
  const res = await upload(c, kind, name, body);
  expect(res.statusCode, res.body).toBe(202);
  for (let i = 0; i < 600; i++) {
    const got = await app.inject({ method: 'GET', url: `/api/org/imports/${res.json().id}`, headers: c.headers() });
    expect(got.statusCode, got.body).toBe(200);
    if (got.json().status === 'done' || got.json().status === 'failed') return got.json();
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error('the import did not end');
}

const counts = async () => {
  const n = async (q: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(q)}`.execute(db)).rows[0].n;
  return { units: await n('units'), people: await n('people'), designations: await n('designations'), open: await n('designations where to_date is null') };
};
const snapshot = async () => ({
  units: (await sql`select id, parent_id, level, name, name_hi, wing, state_code, ac_no, part_no, ext_key, path::text from units order by id`.execute(db)).rows,
  people: (await sql`select id, phone, name, name_hi, gender, age_band, category, epic, home_unit_id, unit_path::text, wings, phone_verified_at from people order by id`.execute(db)).rows,
  designations: (await sql`select id, unit_id, code, seat, person_id, from_date, to_date, end_reason from designations order by id`.execute(db)).rows,
});

async function xlsx(csv: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet 1');
  for (const line of csv.split('\n')) sheet.addRow(line.match(/("[^"]*"|[^,]*)(,|$)/g)!.filter((c) => c !== '').map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')));
  book.addWorksheet('ignored').addRow(['not', 'read']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('organisation import', () => {
  it('imports units, people and designations (CSV), and a re-import changes nothing', async () => {
    const before = await counts();
    const units = await imported(admin, 'units', 'units.csv', UNITS);
    expect(units.status, JSON.stringify(units.problems)).toBe('done');
    expect(units.counts[0]).toMatchObject({ rows: 4, created: 4, updated: 0, unchanged: 0 });
    const youth = await db.selectFrom('units').select(['parent_id', 'wing', 'level', sql<string>`path::text`.as('path')]).where('ext_key', '=', 'S1-YOUTH').executeTakeFirstOrThrow();
    expect(youth).toMatchObject({ parent_id: u.s1, wing: 'youth', level: 'state' });
    const booth = await db.selectFrom('units').select(['id', sql<string>`path::text`.as('path')]).where('ext_key', '=', 'T01-2-2').executeTakeFirstOrThrow();
    expect(booth.path.split('.').map(Number).slice(0, 3)).toEqual([u.rootA, u.s1, u.d1]);
    const people = await imported(admin, 'people', 'people.csv', PEOPLE);
    expect(people.status, JSON.stringify(people.problems)).toBe('done');
    expect(people.counts[0]).toMatchObject({ created: 3 });
    const asha = await db.selectFrom('people').selectAll().where('phone', '=', '+919876543210').executeTakeFirstOrThrow();
    expect(asha).toMatchObject({ name: 'Asha Devi', name_hi: 'आशा देवी', gender: 'female', category: 'SC', wings: ['women', 'youth'] });
    expect(asha.phone_verified_at).not.toBeNull();
    const ravi = await db.selectFrom('people').select(['home_unit_id']).where('phone', '=', '+919876543211').executeTakeFirstOrThrow();
    expect(ravi.home_unit_id).toBe(booth.id); // T01/2/2: the booth by state, AC and part
    const desig = await imported(admin, 'designations', 'designations.csv', DESIGNATIONS);
    expect(desig.status, JSON.stringify(desig.problems)).toBe('done');
    expect(desig.counts[0]).toMatchObject({ rows: 4, created: 4 });
    const after = await counts();
    expect(after).toEqual({ units: before.units + 4, people: before.people + 3, designations: before.designations + 4, open: before.open + 3 });
    const snap = await snapshot();
    for (const [kind, body] of [['units', UNITS], ['people', PEOPLE], ['designations', DESIGNATIONS]] as const) {
      const again = await imported(admin, kind, `${kind}.csv`, body);
      expect(again.status).toBe('done');
      expect(again.counts[0], kind).toMatchObject({ created: 0, updated: 0 });
    }
    expect(await counts()).toEqual(after);
    expect(await snapshot()).toEqual(snap);
    const audit = await db.selectFrom('audit_events').select(['detail']).where('type', '=', 'org.import').execute();
    expect(audit.length).toBeGreaterThanOrEqual(6);
  });

  it('reads the first sheet of an XLSX file of each kind', async () => {
    const units = await imported(admin, 'units', 'units.xlsx', await xlsx([UNITS.split('\n')[0], 'T01-2-3,T01-AC-2,booth,Booth 3 of AC 2,,,T01,2,3'].join('\n')));
    expect(units.status, JSON.stringify(units.problems)).toBe('done');
    expect(units.counts[0]).toMatchObject({ created: 1 });
    const people = await imported(admin, 'people', 'people.xlsx', await xlsx([PEOPLE.split('\n')[0], '9876543220,Xlsx Person,,male,,,,T01-2-3,,yes'].join('\n')));
    expect(people.status, JSON.stringify(people.problems)).toBe('done');
    expect(people.counts[0]).toMatchObject({ created: 1 });
    const desig = await imported(admin, 'designations', 'designations.xlsx', await xlsx(['phone,unit,code,seat,from,to', '9876543220,T01-2-3,bla,1,2024-05-01,'].join('\n')));
    expect(desig.status, JSON.stringify(desig.problems)).toBe('done');
    expect(desig.counts[0]).toMatchObject({ created: 1 });
    const again = await imported(admin, 'designations', 'designations.xlsx', await xlsx(['phone,unit,code,seat,from,to', '9876543220,T01-2-3,bla,1,2024-05-01,'].join('\n')));
    expect(again.counts[0]).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('refuses a number that lives on as a merged person\'s second number, naming the line', async () => {
    const kept = await db.selectFrom('people').select(['id']).where('phone', '=', '+919876543210').executeTakeFirstOrThrow();
    await db.updateTable('people').set({ other_phones: ['+919876543299'] }).where('id', '=', kept.id).execute();
    const before = await counts();
    const res = await imported(admin, 'people', 'again.csv', ['phone,name,home', '9876543299,Asha Again,T01-2-1'].join('\n'));
    expect(res.status).toBe('failed');
    expect(JSON.stringify(res.problems)).toMatch(/again\.csv.*2|line.*2/);
    expect(JSON.stringify(res.problems)).toContain('second number of Asha Devi');
    expect(JSON.stringify(res.problems)).not.toContain('9876543210');
    expect(await counts()).toEqual(before);
    await db.updateTable('people').set({ other_phones: [] }).where('id', '=', kept.id).execute();
  });

  it('reports every problem of a bad file as file:line: field and writes nothing', async () => {
    const before = await snapshot();
    const bad = [
      'phone,name,gender,age_band,category,epic,home,wings,phone_verified',
      '12345,Short Phone,male,,,,T01-2-1,,',             // 2: phone
      '9876543230,,female,,,,T01-2-1,,',                  // 3: name
      '9876543231,Bad Gender,robot,99-100,XYZ,,T01-2-1,,maybe', // 4: gender, age_band, category, phone_verified
      '9876543232,No Home,male,,,,,,',                    // 5: home
      '9876543233,Unknown Home,male,,,,NOPE-1,,',         // 6: home
      '9876543234,Bad Wing,male,,,,T01-2-1,pilots,',      // 7: wings
      '9876543230,Duplicate,male,,,,T01-2-1,,',           // 8: phone again
      '9876543235,Good Row,male,,,,T01-2-1,,',
    ].join('\n');
    const res = await imported(admin, 'people', 'bad-people.csv', bad);
    expect(res.status).toBe('failed');
    const got = res.problems.map((p: { file: string; line: number; field: string }) => `${p.file}:${p.line}:${p.field}`);
    expect(got).toEqual(['bad-people.csv:2:phone', 'bad-people.csv:3:name', 'bad-people.csv:4:gender', 'bad-people.csv:4:age_band', 'bad-people.csv:4:category',
      'bad-people.csv:4:phone_verified', 'bad-people.csv:5:home', 'bad-people.csv:6:home', 'bad-people.csv:7:wings', 'bad-people.csv:8:phone']);
    expect(res.message).toMatch(/10 problem\(s\)\. Nothing was written/);
    expect(await snapshot()).toEqual(before);
    const units = await imported(admin, 'units', 'bad-units.csv', ['key,parent_key,level,name', 'A-1,A-2,booth,Loop one', 'A-2,A-1,ac,Loop two', 'B-1,#999999,ac,No parent',
      `B-2,#${u.ac1},state,Upside down`, 'B-3,,booth,', `T01-2-1,#${u.s2},booth,Moved`].join('\n'));
    expect(units.status).toBe('failed');
    expect(units.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`)).toEqual(
      ['2:parent_key', '3:level', '3:parent_key', '4:parent_key', '5:level', '6:name', '6:parent_key', '7:parent_key']);
    const desig = await imported(admin, 'designations', 'bad-designations.csv', ['phone,unit,code,seat,from,to', '9876543299,T01-2-1,member,1,,', '9876543210,T01-2-1,mayor,1,,',
      '9876543210,T01-2-1,member,9,,', '9876543210,T01-2-1,member,1,2024-13-01,', '9876543210,T01-2-1,member,4,2024-02-01,2024-01-01',
      '9876543211,T01-2-1,secretary,1,,', '9876543212,T01-2-1,secretary,1,,'].join('\n'));
    expect(desig.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`)).toEqual(['2:phone', '3:code', '4:seat', '5:from', '6:to', '8:seat']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an import reaching outside the actor\'s scope, and another tenant sees nothing', async () => {
    const before = await snapshot();
    const people = await imported(orgS1, 'people', 'people.csv', ['phone,name,home', `9876543240,In Scope,#${u.booth1}`, `9876543241,Out Of Scope,#${u.s2}`].join('\n'));
    expect(people.status).toBe('failed');
    expect(people.problems).toEqual([expect.objectContaining({ line: 3, field: 'home' })]);
    const units = await imported(orgS1, 'units', 'units.csv', ['key,parent_key,level,name', `S2-D,#${u.s2},district,Not Mine`, `#${u.s2},,state,Renamed`].join('\n'));
    expect(units.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`)).toEqual(['2:parent_key', '3:key']);
    const adminB = await signInAs(app, world.users.adminB.email);
    const b = await imported(adminB, 'designations', 'd.csv', ['phone,unit,code', '9876543210,T01-2-1,member'].join('\n'));
    expect(b.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`)).toEqual(['2:phone', '2:unit']);
    const caller = await signInAs(app, world.users.callerA.email);
    expect((await upload(caller, 'people', 'p.csv', PEOPLE)).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('exports each kind and imports the export back with no change (CSV and XLSX); phones masked without personal.unmask', async () => {
    const snap = await snapshot();
    for (const format of ['csv', 'xlsx'] as const) {
      for (const kind of ['units', 'people', 'designations'] as const) {
        const res = await app.inject({ method: 'GET', url: `/api/org/exports/${kind}?format=${format}`, headers: admin.headers() });
        expect(res.statusCode, res.body).toBe(200);
        const back = await imported(admin, kind, `${kind}.${format}`, res.rawPayload);
        expect(back.status, JSON.stringify(back.problems)).toBe('done');
        expect(back.counts[0], `${kind} ${format}`).toMatchObject({ created: 0, updated: 0 });
      }
    }
    expect(await snapshot()).toEqual(snap);
    const masked = await app.inject({ method: 'GET', url: `/api/org/exports/people?unitId=${u.s1}`, headers: orgS1.headers() });
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain('+91 98•••••212');
    expect(masked.body).not.toContain('9876543212');
  });

  it('agrees with normalisePhone on its fast path', () => {
    for (let i = 0; i < 4_000; i++) {
      const d = String(Math.floor(Math.random() * 1e10)).padStart(10, '0');
      const raw = [d, `+91${d}`, `0${d}`, `+91 ${d.slice(0, 5)} ${d.slice(5)}`][i % 4];
      expect(normaliseBulkPhone(raw)).toEqual(normalisePhone(raw));
    }
  });
});

describe('warroom org (CLI)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-org-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The CLI opens its own connection: PostgreSQL only (PGlite here lives in this process's memory).
  it.runIf(onPostgres)('imports and exports as the system, --json pure, problems as FILE:LINE lines', () => {
    const run = (...args: string[]) => {
      const res = spawnSync(process.execPath, ['bin/warroom.mjs', '--database-url', database.url!, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
      return { code: res.status, stdout: res.stdout, stderr: res.stderr };
    };
    const file = path.join(dir, 'people.csv');
    fs.writeFileSync(file, ['phone,name,home', `9876543250,Cli Person,#${u.booth1}`].join('\n'));
    const ok = run('org', 'import', 'people', file, '--tenant', 'tenant-a', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).files[0]).toMatchObject({ kind: 'people', created: 1 });
    const again = run('org', 'import', 'people', file, '--tenant', 'tenant-a', '--json');
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ created: 0, unchanged: 1 });
    const badFile = path.join(dir, 'bad.csv');
    fs.writeFileSync(badFile, ['phone,name,home', '12,Nope,#1'].join('\n'));
    const bad = run('org', 'import', 'people', badFile, '--tenant', 'tenant-a');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${badFile}:2: phone: `);
    expect(bad.stderr).toMatch(/nothing was written/);
    const out = path.join(dir, 'units.xlsx');
    const exp = run('org', 'export', 'units', '--tenant', 'tenant-a', '--unit', String(u.s1), '--format', 'xlsx', '--out', out, '--json');
    expect(exp.code, exp.stderr).toBe(0);
    expect(JSON.parse(exp.stdout).rows).toBeGreaterThan(3);
    const back = run('org', 'import', 'units', out, '--tenant', 'tenant-a', '--json');
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout).files[0]).toMatchObject({ created: 0, updated: 0 });
    const csv = run('org', 'export', 'people', '--tenant', 'tenant-a');
    expect(csv.stdout).toContain('+919876543250,Cli Person');
  });
});
