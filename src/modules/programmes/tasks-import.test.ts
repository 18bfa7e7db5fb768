// Tasks in bulk from CSV as a named user: every problem as FILE:LINE: column, nothing written on one,
// and the tasks cascaded as the web creates them. The hourly escalation runs over every tenant.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startWorld } from '../../../test/builders.ts';
import { actorForUser } from '../access/auth.service.ts';
import { ImportRejected } from '../elections/problems.ts';
import { importTasks } from './tasks-import.ts';
import { escalateAllTenants } from './escalation-sweep.ts';

const { database, world, close } = await startWorld();
afterAll(close);
const actor = (await actorForUser(database.db, world.users.adminA.email, world.tenantA))!;
const count = async () => (await sql<{ n: number }>`select count(*)::int as n from tasks`.execute(database.db)).rows[0].n;
const HEADER = 'owner_unit,title,title_hi,kind,metric,unit_label,target,split,assignee_level,starts_on,due_on,evidence';

describe('tasks import', () => {
  it('names every bad row and column, and writes nothing', async () => {
    const csv = [HEADER,
      `${world.units.rootA},Wall paintings,दीवार लेखन,task,reported,walls,100,booths,booth,,2099-12-31,yes`,
      `${world.units.rootA},No due date,,task,reported,walls,100,booths,booth,,,no`,
      `NO-SUCH-UNIT,Drive,,drive,completion,,,booths,booth,2099-08-09,2099-08-12,no`,
      `${world.units.ac1},Upwards,,task,completion,,,booths,state,,2099-12-31,no`].join('\n');
    const err = await importTasks(database.db, actor, 'tasks.csv', csv).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    expect((err as ImportRejected).problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^tasks\.csv:3: due_on: /), expect.stringMatching(/^tasks\.csv:4: owner_unit: no unit 'NO-SUCH-UNIT'/)]));
    expect(await count()).toBe(0);
    // Rows that read well but are refused by the use case (a level above the owner) are named too.
    const refused = await importTasks(database.db, actor, 'tasks.csv', [HEADER, `${world.units.ac1},Upwards,,task,completion,,,booths,state,,2099-12-31,no`].join('\n')).catch((e: unknown) => e);
    expect((refused as ImportRejected).problems[0]).toMatch(/^tasks\.csv:2: assignee_level: /);
    expect(await count()).toBe(0);
  });

  it('creates and cascades every task of a good file as the named user', async () => {
    const csv = [HEADER,
      `${world.units.rootA},Wall paintings,दीवार लेखन,task,reported,walls,100,booths,booth,,2099-12-31,yes`,
      `${world.units.s1},Drive,,drive,completion,,,booths,booth,2099-08-09,2099-08-12,no`].join('\n');
    const r = await importTasks(database.db, actor, 'tasks.csv', csv);
    expect(r.ids).toHaveLength(2);
    const rows = await database.db.selectFrom('task_targets').select(['task_id', 'unit_id', 'target']).where('task_id', 'in', r.ids).execute();
    // No booths counted yet in this world: the two states split equally, and S1's one booth carries its half.
    expect(rows.find((x) => x.task_id === r.ids[0] && x.unit_id === world.units.booth1)?.target).toBe(50);
    expect(rows.find((x) => x.task_id === r.ids[1] && x.unit_id === world.units.s1)?.target).toBe(1);
    const audit = await database.db.selectFrom('audit_events').select(['actor_label']).where('type', '=', 'task.create').execute();
    expect(audit.map((a) => a.actor_label)).toEqual([world.users.adminA.email, world.users.adminA.email]);
  });

  it('escalates overdue tasks of every tenant once', async () => {
    await importTasks(database.db, actor, 'late.csv', [HEADER, `${world.units.rootA},Late,,task,reported,walls,10,booths,booth,2020-01-01,2020-01-02,no`].join('\n'));
    expect((await escalateAllTenants(database.db)).tasks).toBe(1);
    expect((await escalateAllTenants(database.db)).tasks).toBe(0);
  });
});
