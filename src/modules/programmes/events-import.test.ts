// Events from a CSV file (what `warroom events import` runs): rows become events with invitees drawn
// from their rules; any problem is reported as FILE:LINE: field: message and nothing is written.
import { afterAll, describe, expect, it } from 'vitest';
import { startWorld } from '../../../test/builders.ts';
import { ImportRejected } from '../elections/problems.ts';
import { importEvents, instantOf, parseRule } from './events-import.ts';

const { database, world, close } = await startWorld();
afterAll(close);
const db = database.db;
const tenant_id = world.tenantA;
await db.updateTable('units').set({ ext_key: 'S1' }).where('id', '=', world.units.s1).execute();
const booth = await db.selectFrom('units').select(['id', 'path']).where('id', '=', world.units.booth1).executeTakeFirstOrThrow();
const person = await db.insertInto('people').values({ tenant_id, phone: '+919811199999', name: 'Imran Booth', home_unit_id: booth.id, unit_path: booth.path })
  .returning('id').executeTakeFirstOrThrow();
await db.insertInto('designations').values({ tenant_id, unit_id: booth.id, unit_path: booth.path, level: 'booth', code: 'booth_president', person_id: person.id }).execute();

const header = 'kind,title,title_hi,starts_at,ends_at,place,unit,course_code,sessions,invite';
const count = async () => Number((await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('events import', () => {
  it('reads times in India time, and the compact invitation rules', () => {
    expect(instantOf('2030-03-01 10:00')).toBe('2030-03-01T10:00:00+05:30');
    expect(instantOf('2030-03-01')).toBe('2030-03-01T00:00:00+05:30');
    expect(instantOf('2030-03-01T04:30:00Z')).toBe('2030-03-01T04:30:00.000Z');
    expect(instantOf('soon')).toBeNull();
    const unitOf = (s: string) => (s === 'S1' ? 5 : undefined);
    expect(parseRule('delegates:state.president,general_secretary/2-wings', unitOf).rule).toEqual({ kind: 'delegates', level: 'state', codes: ['president', 'general_secretary'], perUnit: 2, includeWings: false });
    expect(parseRule('designation:booth.booth_president@S1', unitOf).rule).toEqual({ kind: 'designation', level: 'booth', code: 'booth_president', withinUnitId: 5 });
    expect(parseRule('office:mayor,municipal_head', unitOf).rule).toEqual({ kind: 'office', offices: ['mayor', 'municipal_head'] });
    expect(parseRule('designation:booth.booth_president@S9', unitOf).problem).toBe("no unit 'S9'");
  });

  it('rejects the whole file with one FILE:LINE: field: message per problem', async () => {
    const text = [header,
      'training,Booth basics,,2030-03-01 10:00,2030-03-01 17:00,Hall,S1,booth_basics,Roll pages|Polling day,designation:booth.booth_president',
      'rally,,,2030-03-02 10:00,2030-03-01 17:00,,S9,,,',
      'meeting,Review,,tomorrow,2030-03-01 17:00,,S1,,,designation:booth.nobody',
      'conference,Mayors,,2030-03-01,2030-03-02,,#999999,,,office:mayor',
      'rally,Late,,2030-03-02 10:00,2030-03-01 17:00,,S1,,,'].join('\n');
    const err = await importEvents(db, { tenantId: tenant_id, file: 'events.csv', text }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    expect((err as ImportRejected).problems).toEqual([
      "events.csv:3: unit: no unit 'S9'",
      'events.csv:3: title: Too small: expected string to have >=1 characters',
      'events.csv:3: ends_at: ends before it starts',
      "events.csv:4: starts_at: 'tomorrow' is not a date and time",
      "events.csv:5: unit: no unit '#999999'",
      'events.csv:6: ends_at: ends before it starts',
    ]);
    const rules = [header, 'meeting,Review,,2030-03-01 10:00,2030-03-01 12:00,,S1,,,designation:booth.nobody'].join('\n');
    const later = await importEvents(db, { tenantId: tenant_id, file: 'b.csv', text: rules }).catch((e: unknown) => e);
    expect((later as ImportRejected).problems).toEqual(['b.csv:2: invite.0.code: no designation nobody at level booth']);
    expect(await count()).toBe(0);
  });

  it('creates every event of a good file with its sessions and invitees', async () => {
    const text = [header,
      'training,Booth basics,बूथ प्रशिक्षण,2030-03-01 10:00,2030-03-01 17:00,Hall,S1,booth_basics,Roll pages|Polling day,designation:booth.booth_president',
      `rally,Youth rally,,2030-03-02,2030-03-02,Ground,#${world.units.d1},,,"people:${person.id};office:mayor"`].join('\n');
    const res = await importEvents(db, { tenantId: tenant_id, file: 'events.csv', text });
    expect(res).toMatchObject({ invited: 2 });
    const events = await db.selectFrom('events').select(['id', 'kind', 'title_hi', 'unit_id', 'starts_at']).orderBy('id').execute();
    expect(events.map((e) => [e.kind, e.unit_id])).toEqual([['training', world.units.s1], ['rally', world.units.d1]]);
    expect(new Date(events[0].starts_at).toISOString()).toBe('2030-03-01T04:30:00.000Z');
    expect(await db.selectFrom('training_sessions').select('title').where('event_id', '=', events[0].id).orderBy('no').execute()).toEqual([{ title: 'Roll pages' }, { title: 'Polling day' }]);
    const audit = await db.selectFrom('audit_events').select(['type', 'actor_label']).where('type', '=', 'event.create').execute();
    expect(audit).toEqual([{ type: 'event.create', actor_label: 'system:cli' }, { type: 'event.create', actor_label: 'system:cli' }]);
  });
});
