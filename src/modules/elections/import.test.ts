import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/harness.ts';
import { importBooths } from './import-booths.ts';
import { importBoundaries } from './import-boundaries.ts';
import { importResults } from './import-results.ts';
import { ImportRejected } from './problems.ts';

// Small files the tests write themselves; the real files are exercised by import-real.test.ts.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-import-'));
let t: TestDatabase;
beforeAll(async () => { t = await freshDatabase(); });
afterAll(async () => { await t.dispose(); fs.rmSync(dir, { recursive: true, force: true }); });

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
const HEAD = 'election_id,state,constituency_no,constituency,reservation,candidate,sex,party,votes,valid_votes,electors,turnout_pct';
const csv = (...rows: string[]) => [HEAD, ...rows].join('\n');
const GOOD = [
  'AE-GJ-2022,Gujarat,1,Abdasa,GEN,"PATEL, RAMESH",M,BJP,500,1000,2000,50.0',
  'AE-GJ-2022,Gujarat,1,Abdasa,GEN,राम सिंह,M,IND,200,1000,2000,50.0',
  'AE-GJ-2022,Gujarat,1,Abdasa,GEN,राम सिंह,M,IND,150,1000,2000,50.0', // a namesake, other votes: real
  'AE-GJ-2022,Gujarat,1,Abdasa,GEN,Others,,AAAP,100,1000,2000,50.0',
  'AE-GJ-2022,Gujarat,1,Abdasa,GEN,NOTA,,NOTA,50,1000,2000,50.0',
  'AE-GJ-2022,S06,2,Mandvi,SC,SOLE WINNER,F,INC,,,,', // uncontested: blank votes, one candidate, blank electors
];

async function counts() {
  const r = await sql<{ results: number; imports: number; booths: number }>`select (select count(*) from results)::int as results,
    (select count(*) from imports)::int as imports, (select count(*) from booth_results)::int as booths`.execute(t.db);
  return r.rows[0];
}

async function rejected(run: Promise<unknown>): Promise<string[]> {
  const err = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportRejected);
  return (err as ImportRejected).problems;
}

describe('import results', () => {
  it('reads BOM, CRLF, Devanagari, quoted commas, namesakes and an uncontested seat, and folds party aliases', async () => {
    const file = write('good.csv', `\uFEFF${csv(...GOOD).replace(/\n/g, '\r\n')}\r\n`);
    const s = await importResults(t.db, { file });
    expect(s.format).toBe('canonical');
    expect(s.rows).toBe(6);
    expect(s.elections).toEqual([{ id: 'AE-GJ-2022', seats: 2, winners: [{ party: 'BJP', seats: 1 }, { party: 'INC', seats: 1 }] }]);
    const rows = await t.db.selectFrom('results').selectAll().where('election_id', '=', 'AE-GJ-2022').orderBy(['constituency_no', 'seq']).execute();
    expect(rows.map((r) => [r.candidate, r.party_code, r.party_raw, r.votes, r.position])).toEqual([
      ['PATEL, RAMESH', 'BJP', 'BJP', 500, 1], ['राम सिंह', 'IND', 'IND', 200, 2], ['राम सिंह', 'IND', 'IND', 150, 3],
      ['Others', 'AAP', 'AAAP', 100, null], ['NOTA', 'NOTA', 'NOTA', 50, null], ['SOLE WINNER', 'INC', 'INC', null, 1],
    ]);
    const seat = await t.db.selectFrom('constituencies').selectAll().where('state_code', '=', 'S06').where('no', '=', 2).executeTakeFirstOrThrow();
    expect([seat.name, seat.reservation, seat.house]).toEqual(['Mandvi', 'SC', 'AE']);
  });

  it('is idempotent: importing the same election again replaces it', async () => {
    const before = await counts();
    await importResults(t.db, { file: write('again.csv', csv(...GOOD)) });
    const after = await counts();
    expect(after.results).toBe(before.results);
    expect(after.imports).toBe(before.imports + 1);
  });

  const bad: [string, string[], RegExp][] = [
    ['unknown state', ['AE-GJ-2022,Atlantis,1,A,GEN,X,M,BJP,10,,,'], /:2: state: unknown state 'Atlantis'/],
    ['unknown seat', ['AE-GJ-2022,Gujarat,999,A,GEN,X,M,BJP,10,,,'], /:2: constituency_no: unknown seat: Gujarat has 182 ACs, not 999/],
    ['negative votes', ['AE-GJ-2022,Gujarat,1,A,GEN,X,M,BJP,-5,,,'], /:2: votes: negative: -5/],
    ['non-numeric votes', ['AE-GJ-2022,Gujarat,1,A,GEN,X,M,BJP,ten,,,'], /:2: votes: not a number: 'ten'/],
    ['duplicate row', ['AE-GJ-2022,Gujarat,1,A,GEN,X,M,BJP,10,,,', 'AE-GJ-2022,Gujarat,1,A,GEN,Y,M,INC,5,,,', 'AE-GJ-2022,Gujarat,1,A,GEN,X,M,BJP,10,,,'],
      /:4: candidate: duplicate row: X \(BJP\) with 10 votes is already on line 2/],
    ['totals that contradict the file', ['AE-GJ-2022,Gujarat,1,A,GEN,X,M,BJP,10,99,,', 'AE-GJ-2022,Gujarat,1,A,GEN,Y,M,INC,5,99,,'],
      /:2: valid_votes: .*the file says 99 valid votes but its rows add up to 15/],
    ['blank votes in a contested seat', ['AE-GJ-2022,Gujarat,1,A,GEN,X,M,BJP,10,,,', 'AE-GJ-2022,Gujarat,1,A,GEN,Y,M,INC,,,,'], /:3: votes: .*blank in a contested constituency/],
  ];
  it.each(bad)('rejects %s with FILE:LINE: field and writes nothing', async (_, rows, message) => {
    const before = await counts();
    const problems = await rejected(importResults(t.db, { file: write('bad.csv', csv(...rows)) }));
    expect(problems.join('\n')).toMatch(new RegExp(`^bad\\.csv${message.source}`, 'm'));
    expect(await counts()).toEqual(before);
  });

  it('rejects a contested constituency without a winner when the file has positions', async () => {
    const file = write('nowin.csv', 'election_id,state,constituency_no,candidate,party,votes,position\nLS-2019,UP,5,A,BJP,10,2\nLS-2019,UP,5,B,SP,5,3\n');
    expect((await rejected(importResults(t.db, { file }))).join('\n')).toMatch(/nowin\.csv:2: position: LS-2019 S24 PC 5: no winner/);
  });

  it('rejects an unknown format, naming the columns it expected', async () => {
    const problems = await rejected(importResults(t.db, { file: write('what.csv', 'a,b,c\n1,2,3\n') }));
    expect(problems[0]).toMatch(/^what\.csv:1: header: unknown format: expected the columns of a TCPD file/);
  });

  it('reads TCPD Lok Dhaba rows: only Poll_No 0, NOTA without a position, the election asked for', async () => {
    const head = 'State_Name,Assembly_No,Constituency_No,Year,month,Poll_No,DelimID,Position,Candidate,Sex,Party,Votes,Valid_Votes,Electors,Constituency_Name,Constituency_Type,Turnout_Percentage';
    const file = write('tcpd.csv', [head,
      'Uttar_Pradesh,17,1,2019,4,0,4,1,A,M,BJP,100,160,300,SAHARANPUR,GEN,53.3', 'Uttar_Pradesh,17,1,2019,4,0,4,2,NOTA,,NOTA,40,160,300,SAHARANPUR,GEN,53.3',
      'Uttar_Pradesh,17,1,2019,4,0,4,3,B,F,CPI(M),20,160,300,SAHARANPUR,GEN,53.3', 'Uttar_Pradesh,17,1,2021,4,1,4,1,BYE,M,SP,9,9,300,SAHARANPUR,GEN,3.0',
      'Uttar_Pradesh,16,1,2014,4,0,4,1,OLD,M,INC,10,10,300,SAHARANPUR,GEN,3.3'].join('\n'));
    const s = await importResults(t.db, { file, elections: ['LS-2019'] });
    expect([s.format, s.rows, s.elections.map((e) => e.id)]).toEqual(['tcpd', 3, ['LS-2019']]);
    const rows = await t.db.selectFrom('results').select(['candidate', 'party_code', 'position']).where('election_id', '=', 'LS-2019').orderBy('seq').execute();
    expect(rows).toEqual([{ candidate: 'A', party_code: 'BJP', position: 1 }, { candidate: 'B', party_code: 'CPM', position: 2 }, { candidate: 'NOTA', party_code: 'NOTA', position: null }]);
  });
});

describe('import booths', () => {
  const LONG = 'election_id,state,pc_no,ac_no,part_no,candidate,party,votes';
  it('imports a long file, adds an auxiliary station listed twice, and warns when booths do not reconcile', async () => {
    await importResults(t.db, { file: write('pc5.csv', 'election_id,state,constituency_no,candidate,party,votes\nLS-2019,UP,5,A,BJP,10\nLS-2019,UP,5,B,SP,5\n') });
    const file = write('long.csv', [LONG, '"LS-2019","Uttar Pradesh",5,21,1,A,Bharatiya Janata Party,60', 'LS-2019,Uttar Pradesh,5,21,1,NOTA,,3',
      'LS-2019,Uttar Pradesh,5,21,2,A,BJP,30', 'LS-2019,Uttar Pradesh,5,21,2,A,BJP,4', 'LS-2019,Uttar Pradesh,5,21,2,NOTA,,1', 'LS-2019,Uttar Pradesh,5,21,2,NOTA,,1'].join('\n'));
    const s = await importBooths(t.db, { file });
    expect([s.format, s.booths, s.boothResults]).toEqual(['long', 2, 4]);
    expect(s.warnings.join('\n')).toMatch(/auxiliary stations.*: 1/);
    expect(s.warnings.join('\n')).toMatch(/PC 5: booths add up to 99 votes, the constituency result to 15/);
    const rows = await t.db.selectFrom('booth_results').select(['part_no', 'seq', 'party_code', 'votes']).orderBy(['part_no', 'seq']).execute();
    expect(rows).toEqual([{ part_no: 1, seq: 1, party_code: 'BJP', votes: 60 }, { part_no: 1, seq: 2, party_code: 'NOTA', votes: 3 },
      { part_no: 2, seq: 1, party_code: 'BJP', votes: 34 }, { part_no: 2, seq: 2, party_code: 'NOTA', votes: 2 }]);
    await importBooths(t.db, { file }); // idempotent
    expect((await counts()).booths).toBe(4);
  });

  it('reads a wide Form 20 file under group labels, with the election, state and AC given on the command line', async () => {
    const file = write('021.csv', ['"Polling Station",,"Total No of Electors",,"Voters Turnout",,"Candidate ID and Name",,,',
      '"Part No","Part Name",Male,"Total No. of electors",Male,Total,"1 - A","2 - B","3 - None of the Above","Total Votes Secured"',
      '1,"School, Room 1",50,100,30,60,40,15,5,60', '2,"School, Room 2",,,,,,,,'].join('\r\n'));
    const s = await importBooths(t.db, { file, elections: ['LS-2019'], state: 'S24' });
    expect([s.format, s.booths, s.boothResults, s.boothTurnout]).toEqual(['wide', 2, 3, 1]);
    expect(s.warnings.join('\n')).toMatch(/blank vote cells/);
    const ps = await t.db.selectFrom('polling_stations').select(['part_no', 'name', 'electors']).where('ac_no', '=', 21).orderBy('part_no').execute();
    expect(ps).toEqual([{ part_no: 1, name: 'School, Room 1', electors: 100 }, { part_no: 2, name: 'School, Room 2', electors: null }]);
  });

  it('rejects totals that contradict the file, booths split apart, and a file without an election, writing nothing', async () => {
    const before = await counts();
    const wide = write('022.csv', 'Part No,1 - A,2 - B,Total Votes Secured\n1,10,5,16\n');
    expect((await rejected(importBooths(t.db, { file: wide, elections: ['LS-2019'], state: 'UP' })))[0])
      .toBe('022.csv:2: total: the file says 16 votes but the candidates add up to 15');
    const split = write('split.csv', [LONG, 'LS-2019,UP,5,22,1,A,BJP,1', 'LS-2019,UP,5,22,2,A,BJP,1', 'LS-2019,UP,5,22,1,B,SP,1'].join('\n'));
    expect((await rejected(importBooths(t.db, { file: split })))[0]).toMatch(/^split\.csv:4: part_no: AC 22 booth 1 already had rows/);
    const noElection = write('noel.csv', 'state,ac_no,part_no,candidate,party,votes\nUP,22,1,A,BJP,-1\n');
    expect(await rejected(importBooths(t.db, { file: noElection }))).toEqual(['noel.csv:2: election_id: the file has no election_id column: pass --election']);
    expect(await counts()).toEqual(before);
  });

  it('imports an electors/turnout-only file', async () => {
    const file = write('turnout.csv', 'election_id,state,pc_no,ac_no,ac_name,part_no,part_name,electors_total,voters_total\nLS-2019,UP,5,23,Behat,1,Room 1,900,500\nLS-2019,UP,5,23,Behat,2,Room 2,,\n');
    const s = await importBooths(t.db, { file });
    expect([s.format, s.booths, s.boothTurnout]).toEqual(['turnout', 2, 1]);
    expect((await t.db.selectFrom('constituencies').select('name').where('state_code', '=', 'S24').where('house', '=', 'AE').where('no', '=', 23).executeTakeFirstOrThrow()).name).toBe('Behat');
  });
});

describe('import boundaries', () => {
  const square = (x: number) => [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]];
  it('matches GeoJSON features to seats by state and number and reports the rest', async () => {
    const file = write('acs.geojson', JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { ST_NAME: 'GUJARAT', AC_NO: '1' }, geometry: { type: 'Polygon', coordinates: square(0) } },
      { type: 'Feature', properties: { ST_NAME: 'GUJARAT', AC_NO: '0' }, geometry: { type: 'Polygon', coordinates: square(1) } },
    ] }));
    const s = await importBoundaries(t.db, { file });
    expect([s.format, s.matched]).toEqual(['geojson', 1]);
    expect(s.warnings.join('\n')).toMatch(/feature 2 \(GUJARAT AC 0\): no such AC/);
    expect(s.warnings.join('\n')).toMatch(/Gujarat: 1 AC\(s\) have no polygon: 2 Mandvi/);
  });

  it('reads TopoJSON', async () => {
    const file = write('pcs.topojson', JSON.stringify({ type: 'Topology', arcs: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
      objects: { pcs: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0]], properties: { st_name: 'Uttar Pradesh', pc_no: 1 } }] } } }));
    const s = await importBoundaries(t.db, { file });
    expect([s.format, s.matched]).toEqual(['topojson', 1]);
    const b = await t.db.selectFrom('boundaries').select(['house', 'no']).where('state_code', '=', 'S24').executeTakeFirstOrThrow();
    expect(b).toEqual({ house: 'LS', no: 1 });
  });
});

describe('warroom import (CLI)', () => {
  it('prints one FILE:LINE: field: message line per problem and exits 1', () => {
    const file = write('cli.csv', csv('AE-GJ-2022,Gujarat,1,A,GEN,X,M,BJP,abc,,,', 'AE-GJ-2022,Nowhere,1,A,GEN,Y,M,BJP,1,,,'));
    const res = spawnSync(process.execPath, ['bin/warroom.mjs', '--data-dir', path.join(dir, 'cli-db'), 'import', 'results', file],
      { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`${file.split(path.sep).pop()}:2: votes: not a number: 'abc'`);
    expect(res.stderr).toContain("cli.csv:3: state: unknown state 'Nowhere'");
    expect(res.stderr).toMatch(/was not imported \(nothing was written\)/);
  }, 60_000);
});
