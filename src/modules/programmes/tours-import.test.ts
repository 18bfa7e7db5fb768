// Tours from a CSV file (what `warroom tours import` runs): one row per visit, rows of a tour share its
// key; any problem is reported as FILE:LINE: field: message and nothing is written.
import { afterAll, describe, expect, it } from 'vitest';
import { startWorld } from '../../../test/builders.ts';
import { ImportRejected } from '../elections/problems.ts';
import { importTours, parseMeetings } from './tours-import.ts';

const { database, world, close } = await startWorld();
afterAll(close);
const db = database.db;
await db.updateTable('units').set({ ext_key: 'S1' }).where('id', '=', world.units.s1).execute();
await db.updateTable('units').set({ ext_key: 'AC-2', state_code: 'T01', ac_no: 2 }).where('id', '=', world.units.ac1).execute();
const root = await db.selectFrom('units').select(['id', 'path']).where('id', '=', world.units.rootA).executeTakeFirstOrThrow();
await db.insertInto('people').values({ tenant_id: world.tenantA, phone: '+919811177777', name: 'Asha Verma', name_hi: 'आशा वर्मा', home_unit_id: root.id, unit_path: root.path }).execute();

const header = 'tour,leader_name,leader_name_hi,leader_phone,unit,title,starts_on,ends_on,status,stay,notes,visit_unit,visit_on,seat,meetings';
const count = async (table: 'tours' | 'tour_visits') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const run = (lines: string[]) => importTours(db, { tenantId: world.tenantA, file: 'tours.csv', text: [header, ...lines].join('\n') });
const problemsOf = async (lines: string[]) => {
  const err = await run(lines).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ImportRejected);
  return (err as ImportRejected).problems;
};

describe('tours import', () => {
  it('reads meetings as KIND:ATTENDANCE lists', () => {
    expect(parseMeetings('workers:120; public:3000;press')).toEqual({ meetings: [{ kind: 'workers', attendance: 120 }, { kind: 'public', attendance: 3000 }, { kind: 'press', attendance: null }] });
    expect(parseMeetings('workers=12').problem).toContain("'workers=12'");
  });

  it('rejects the whole file with one FILE:LINE: field: message per problem', async () => {
    const problems = await problemsOf([
      't1,,,+91 98111 77777,S1,State tour,2030-03-01,2030-03-03,,,,AC-2,2030-03-02,,workers:40',
      't1,,,,S1,Other title,,,,,,AC-2,2030-03-09,,',
      't2,Someone,,,S9,Tour two,2030-03-05,2030-03-04,,,,#999999,2030-03-05,T01:AE:77,rally:5',
      ',Nobody,,,S1,Orphan,2030-03-01,2030-03-01,,,,,,,',
      't3,Leader,,98111 00000,S1,Tour three,2030-03-01,2030-03-01,,,,AC-2,2030-03-01,T01:AE:9,',
    ]);
    expect(problems).toEqual([
      'tours.csv:3: title: differs from line 2 of tour \'t1\'',
      'tours.csv:5: tour: required: rows of one tour share a key',
      'tours.csv:3: visit_on: falls outside the tour\'s dates',
      'tours.csv:4: unit: no unit \'S9\'',
      'tours.csv:4: visit_unit: no unit \'#999999\'',
      'tours.csv:4: meetings: Invalid option: expected one of "workers"|"public"|"core_committee"|"press"|"other"',
      'tours.csv:6: leader_phone: no person with this mobile number',
    ]);
    // Date order is checked once a tour's fields are well formed; seats against the geography in a second pass, still by line.
    expect(await problemsOf(['t2,Someone,,,S1,Tour two,2030-03-05,2030-03-04,,,,,,,'])).toEqual(['tours.csv:2: ends_on: ends before it starts']);
    expect(await problemsOf(['t3,Leader,,,S1,Tour three,2030-03-01,2030-03-01,,,,AC-2,2030-03-01,T01:AE:9,'])).toEqual(['tours.csv:2: seat: no AE constituency 9 in state T01']);
    expect(await count('tours')).toBe(0);
  });

  it('creates the tours with their visits in one go, seats from the units when not given', async () => {
    const result = await run([
      't1,,,+91 98111 77777,#' + world.units.rootA + ',Central pravas,2030-03-01,2030-03-03,,Circuit house,,AC-2,2030-03-01,,workers:120;public:3000',
      't1,,,,,,,,,,,S1,2030-03-02,T01:LS:1,core_committee:15',
      't2,District leader,जिला नेता,,S1,Plan only,2030-04-01,2030-04-02,planned,,,,,,',
    ]);
    expect(result).toMatchObject({ visits: 2 });
    expect(result.ids).toHaveLength(2);
    const tours = await db.selectFrom('tours').select(['leader_name', 'leader_name_hi', 'stay', 'unit_path']).orderBy('id').execute();
    expect(tours).toMatchObject([{ leader_name: 'Asha Verma', leader_name_hi: 'आशा वर्मा', stay: 'Circuit house' }, { leader_name: 'District leader', leader_name_hi: 'जिला नेता' }]);
    const visits = await db.selectFrom('tour_visits').select(['state_code', 'house', 'constituency_no', 'meetings']).orderBy('id').execute();
    expect(visits).toEqual([
      { state_code: 'T01', house: 'AE', constituency_no: 2, meetings: [{ kind: 'workers', attendance: 120 }, { kind: 'public', attendance: 3000 }] },
      { state_code: 'T01', house: 'LS', constituency_no: 1, meetings: [{ kind: 'core_committee', attendance: 15 }] },
    ]);
    const audit = await db.selectFrom('audit_events').select(['type', 'actor_label']).where('type', '=', 'tour.import').execute();
    expect(audit).toEqual([{ type: 'tour.import', actor_label: 'system:cli' }]);
  });
});
