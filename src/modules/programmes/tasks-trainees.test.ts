// The trainees-completed metric: a task counts people who completed every session of a training (of
// its course, or of any), by home unit, in every unit's subtree. People trained before the task count
// from the start; a state organiser's completion moves the national row the state cannot write; a
// cleared session takes the person off again; a person is counted once however many trainings.
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs, startWorld, type Client } from '../../../test/builders.ts';

const { app, database, world, close } = await startWorld();
afterAll(close);
const db = database.db;
const admin = await signInAs(app, world.users.adminA.email);
const orgS1 = await signInAs(app, world.users.orgS1.email);
const call = (c: Client, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: c.headers(method !== 'GET') });
const u = world.units;
const tenant_id = world.tenantA;
const pathOf = async (id: number) => (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;

const booth2 = (await call(admin, 'POST', '/api/units', { parentId: u.ac1, level: 'booth', name: 'Second Booth' })).json().id as number;
let phone = 9822200000;
async function boothPresident(name: string, booth: number): Promise<number> {
  const id = (await db.insertInto('people').values({ tenant_id, phone: `+91${phone++}`, name, home_unit_id: booth, unit_path: await pathOf(booth), wings: [] })
    .returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('designations').values({ tenant_id, unit_id: booth, unit_path: await pathOf(booth), level: 'booth', code: 'booth_president', seat: 1, person_id: id }).execute();
  return id;
}
const asha = await boothPresident('Asha', u.booth1);
const bela = await boothPresident('Bela', booth2);

async function training(courseCode: string, sessions: number): Promise<number> {
  const res = await call(orgS1, 'POST', '/api/events', {
    kind: 'training', title: `Training ${courseCode}`, startsAt: '2030-03-01T04:30:00Z', endsAt: '2030-03-02T12:00:00Z', unitId: u.s1, courseCode,
    sessions: Array.from({ length: sessions }, (_, i) => ({ title: `Session ${i + 1}` })), rules: [{ kind: 'designation', level: 'booth', code: 'booth_president' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const complete = async (event: number, no: number, personIds: number[], completed = true) => {
  const res = await call(orgS1, 'POST', `/api/events/${event}/sessions/${no}/completions`, { personIds, completed });
  expect(res.statusCode, res.body).toBe(200);
};
/** The task's actual at the root, at S1 and at each booth, as the API shows them. */
async function actuals(taskId: number) {
  const root = (await call(admin, 'GET', `/api/tasks/${taskId}`)).json();
  const s1 = (await call(admin, 'GET', `/api/tasks/${taskId}?unitId=${u.s1}`)).json();
  const rows = await db.selectFrom('task_targets').select(['unit_id', 'reported']).where('task_id', '=', taskId).where('unit_id', 'in', [u.booth1, booth2]).execute();
  const at = (id: number) => rows.find((r) => r.unit_id === id)?.reported;
  return { root: root.progress.actual, s1: s1.progress.actual, booth1: at(u.booth1), booth2: at(booth2) };
}

describe('trainees completed', () => {
  it('counts trained people by home unit, from the task\'s creation and as sessions are marked or cleared', async () => {
    const basics = await training('booth_basics', 2);
    await complete(basics, 1, [asha, bela]);
    await complete(basics, 2, [asha]); // Asha is trained before the task exists; Bela half way

    const base = { ownerUnitId: u.rootA, dueOn: '2099-12-31', metric: 'trainees_completed', assigneeLevel: 'booth' };
    const course = await call(admin, 'POST', '/api/tasks', { ...base, title: 'Train booth presidents', courseCode: 'booth_basics', target: 10 });
    expect(course.statusCode, course.body).toBe(201);
    expect(course.json()).toMatchObject({ metric: 'trainees_completed', courseCode: 'booth_basics', progress: { target: 10, actual: 1 } });
    const any = (await call(admin, 'POST', '/api/tasks', { ...base, title: 'Train anyone', target: 4 })).json();
    expect(any.courseCode).toBeNull();
    expect(await actuals(course.json().id)).toEqual({ root: 1, s1: 1, booth1: 1, booth2: 0 });

    // A state organiser's mark moves the national row through prog_add_trained.
    await complete(basics, 2, [bela]);
    expect(await actuals(course.json().id)).toEqual({ root: 2, s1: 2, booth1: 1, booth2: 1 });
    await complete(basics, 2, [bela]); // marked again: nothing changes
    expect(await actuals(any.id)).toEqual({ root: 2, s1: 2, booth1: 1, booth2: 1 });

    await complete(basics, 2, [bela], false);
    expect(await actuals(course.json().id)).toEqual({ root: 1, s1: 1, booth1: 1, booth2: 0 });

    // Another course: counts for "any training" only, and Asha, trained twice, stays one person.
    const other = await training('polling_agents', 1);
    await complete(other, 1, [asha, bela]);
    expect(await actuals(course.json().id)).toEqual({ root: 1, s1: 1, booth1: 1, booth2: 0 });
    expect(await actuals(any.id)).toEqual({ root: 2, s1: 2, booth1: 1, booth2: 1 });
  });

  it('names the field of a wrong course or a missing target', async () => {
    const fields = async (body: object) => (await call(admin, 'POST', '/api/tasks', { ownerUnitId: u.rootA, dueOn: '2099-12-31', title: 'x', assigneeLevel: 'booth', ...body }))
      .json().errors.map((e: { field: string }) => e.field);
    expect(await fields({ metric: 'trainees_completed' })).toEqual(['target']);
    expect(await fields({ metric: 'reported', unitLabel: 'walls', target: 3, courseCode: 'booth_basics' })).toEqual(['courseCode']);
    expect(await fields({ metric: 'trainees_completed', target: 3, courseCode: 'Booth Basics' })).toEqual(['courseCode']);
  });
});
