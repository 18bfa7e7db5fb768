// Contacts from a file: numbers normalised, bad ones refused with file:line and the reason, one contact
// per phone (a number twice in the file is one contact, tags merged; a known number is updated), placed
// at the booth or AC the row names. All or nothing. (Issue 6, first part.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startWorld } from '../../../test/builders.ts';
import { withActor, type Actor } from '../../db/scope.ts';
import { ImportRejected } from '../elections/problems.ts';
import { readContactsFile, writeContacts } from './contacts-import.ts';

const { database, world, close } = await startWorld();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-contacts-'));
afterAll(async () => { await close(); fs.rmSync(dir, { recursive: true, force: true }); });
const db = database.db;
const manager: Actor = { userId: world.users.adminA.id, tenantId: world.tenantA, label: 'manager', via: 'session', origin: {},
  grants: [{ id: 0, role: 'callcentre_manager', unitId: world.units.rootA, unitPath: String(world.units.rootA), permissions: ['outreach.manage'] }] };
await sql`update units set state_code = 'T01', ac_no = 2 where id = ${world.units.ac1}`.execute(db);
await sql`update units set state_code = 'T01', ac_no = 2, part_no = 7 where id = ${world.units.booth1}`.execute(db);

const file = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
const load = async (name: string, text: string) => {
  const { rows, duplicates } = await readContactsFile(file(name, text), name);
  return { duplicates, ...(await withActor(db, manager, (tx) => writeContacts(tx, world.tenantA, rows))) };
};
const contacts = async () => (await sql<{ phone: string; name: string | null; unit_id: number | null; tags: string[] }>`select phone, name, unit_id, tags
  from contacts where tenant_id = ${world.tenantA} order by phone`.execute(db)).rows;

describe('contacts import', () => {
  it('refuses the whole file, naming each bad line, column and reason', async () => {
    const text = 'phone,name,language\n98123 45210,Asha,hi\n01123456789,Landline,hi\n98123,Short,hi\n9812345211,Bela,hindi\n';
    const err = await readContactsFile(file('bad.csv', text), 'bad.csv').catch((e) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    expect((err as ImportRejected).problems).toEqual([
      expect.stringMatching(/^bad\.csv:3: phone: not a mobile number/),
      expect.stringMatching(/^bad\.csv:4: phone: too short/),
      "bad.csv:5: language: a two-letter language code such as hi, en, gu ('hindi')",
    ]);
    expect(await contacts()).toEqual([]);
  });

  it('imports once per phone, places contacts at their booth or AC, and updates on a second import', async () => {
    const first = await load('one.csv', 'Phone,Name,Language,State,AC,Part,Tags\n'
      + '+91 98123 45210,Asha,hi,T01,2,7,ujjwala;women\n'
      + '098123 45211,Bela,hi,T01,2,,farmer\n'
      + '9812345210,Asha again,hi,,,,youth\n'
      + '9812345212,,en,,,,\n');
    expect(first).toEqual({ duplicates: 1, inserted: 3, updated: 0 });
    expect(await contacts()).toEqual([
      { phone: '+919812345210', name: 'Asha', unit_id: world.units.booth1, tags: ['ujjwala', 'women', 'youth'] },
      { phone: '+919812345211', name: 'Bela', unit_id: world.units.ac1, tags: ['farmer'] },
      { phone: '+919812345212', name: null, unit_id: world.units.rootA, tags: [] },
    ]);
    const again = await load('two.csv', 'phone,name,tags\n9812345211,Bela Devi,pm-kisan\n');
    expect(again).toEqual({ duplicates: 0, inserted: 0, updated: 1 });
    expect((await contacts())[1]).toMatchObject({ name: 'Bela Devi', tags: expect.arrayContaining(['farmer', 'pm-kisan']) });
  });
});
