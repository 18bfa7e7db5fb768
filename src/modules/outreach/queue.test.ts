// The queue's claim and sweep (migration 0020): an agent gets the first ready contact in their
// languages, due call-backs first, then priority, then the longest waiting; suppressed contacts (opt-out,
// national list, withdrawn consent, erased) never come out and leave the queue; outside calling hours
// nothing does; two agents never hold one contact; a lease that ran out goes back to the queue.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startWorld } from '../../../test/builders.ts';
import { withActor, type Actor } from '../../db/scope.ts';

const { database, world, close } = await startWorld();
afterAll(close);
const db = database.db;
const t = world.tenantA;
const root = world.units.rootA;
const rootPath = String(root);
const agent = (userId: string): Actor => ({ userId, tenantId: t, label: 'agent', via: 'session', origin: {},
  grants: [{ id: 0, role: 'caller', unitId: root, unitPath: rootPath, permissions: ['outreach.call'] }] });
const caller = agent(world.users.callerA.id);
const other = agent(world.users.viewerA.id);

const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0];
const centre = (await one(sql<{ id: number }>`insert into call_centres (tenant_id, name, languages, unit_id, unit_path)
  values (${t}, 'Lucknow centre', '{hi,en}', ${root}, ${rootPath}::ltree) returning id`)).id;
for (const u of [caller.userId, other.userId]) {
  await sql`insert into centre_agents (tenant_id, centre_id, user_id, unit_path, languages) values (${t}, ${centre}, ${u}, ${rootPath}::ltree, '{hi,en}')`.execute(db);
}
const campaign = (await one(sql<{ id: number }>`insert into campaigns (tenant_id, centre_id, unit_path, name, calling_from, calling_to, starts_at, ends_at, status)
  values (${t}, ${centre}, ${rootPath}::ltree, 'Labharthi sampark', '00:00', '23:59:59', now() - interval '1 day', now() + interval '30 days', 'active') returning id`)).id;

/** A contact in the queue: phone, language, priority, minutes waiting; extra columns on the contact. */
async function enqueue(phone: string, language: string, priority = 0, waited = 0, extra: { consentWithdrawn?: boolean } = {}) {
  const id = (await one(sql<{ id: number }>`insert into contacts (tenant_id, phone, name, language, unit_path, consent_withdrawn_at)
    values (${t}, ${phone}, ${`Voter ${phone.slice(-3)}`}, ${language}, ${rootPath}::ltree, ${extra.consentWithdrawn ? new Date() : null}) returning id`)).id;
  await sql`insert into campaign_contacts (tenant_id, campaign_id, contact_id, centre_id, unit_path, language, priority, state, next_at)
    values (${t}, ${campaign}, ${id}, ${centre}, ${rootPath}::ltree, ${language}, ${priority}, 'ready', now() - make_interval(mins => ${waited}))`.execute(db);
  return id;
}
interface Claimed { campaign_id: number | null; contact_id: number | null; reason: string | null; phone: string | null; name: string | null }
const claim = (a: Actor) => withActor(db, a, async (tx) => (await sql<Claimed>`select * from outreach_claim(${centre}::bigint, 300)`.execute(tx)).rows[0]);
const stateOf = async (contact: number) => (await one(sql<{ state: string; last_outcome: string | null }>`select state, last_outcome from campaign_contacts
  where tenant_id = ${t} and campaign_id = ${campaign} and contact_id = ${contact}`));

describe('outreach queue (draft)', () => {
  it('hands out due call-backs, then priority, then the longest waiting, in the agent\'s languages', async () => {
    const gujarati = await enqueue('+919800000001', 'gu', 9, 100);
    const low = await enqueue('+919800000002', 'hi', 0, 60);
    const high = await enqueue('+919800000003', 'hi', 5, 1);
    const older = await enqueue('+919800000004', 'hi', 5, 30);
    const english = await enqueue('+919800000005', 'en', 9, 10);
    const callback = await enqueue('+919800000006', 'hi', 0, 0);
    await sql`update campaign_contacts set is_callback = true where contact_id = ${callback}`.execute(db);
    const order = [];
    for (let i = 0; i < 5; i++) order.push((await claim(caller)).contact_id);
    // Hindi first (the agent's first language), English after; Gujarati never (no such agent).
    expect(order).toEqual([callback, older, high, low, english]);
    expect((await claim(caller)).reason).toBe('empty');
    expect((await stateOf(gujarati)).state).toBe('ready');
  });

  it('never hands out a suppressed contact, and takes it out of the queue', async () => {
    const optedOut = await enqueue('+919800000011', 'hi', 9);
    const listed = await enqueue('+919800000012', 'hi', 9);
    const withdrawn = await enqueue('+919800000013', 'hi', 9, 0, { consentWithdrawn: true });
    const fine = await enqueue('+919800000014', 'hi', 0);
    await sql`insert into opt_outs (tenant_id, phone, source) values (${t}, '+919800000011', 'call')`.execute(db);
    await sql`insert into ncpr_numbers (phone) values ('+919800000012')`.execute(db);
    const got = await claim(caller);
    expect(got).toMatchObject({ contact_id: fine, phone: '+919800000014', name: 'Voter 014', reason: null });
    expect(await stateOf(optedOut)).toEqual({ state: 'suppressed', last_outcome: 'opted_out' });
    expect(await stateOf(listed)).toEqual({ state: 'suppressed', last_outcome: 'ncpr' });
    expect(await stateOf(withdrawn)).toEqual({ state: 'suppressed', last_outcome: 'consent_withdrawn' });
  });

  it('gives two agents two different contacts, and refuses someone who is not an agent here', async () => {
    await enqueue('+919800000021', 'hi', 3);
    await enqueue('+919800000022', 'hi', 3);
    const [a, b] = await Promise.all([claim(caller), claim(other)]);
    expect(a.contact_id).not.toBeNull();
    expect(b.contact_id).not.toBeNull();
    expect(a.contact_id).not.toBe(b.contact_id);
    await expect(claim(agent(world.users.adminA.id))).rejects.toThrow(/not an agent/);
  });

  it('hands out nothing outside calling hours', async () => {
    await enqueue('+919800000031', 'hi', 1);
    // A window that is never now: from 23:59:59 to 00:00 (India's clock) is empty.
    await sql`update campaigns set calling_from = '23:59:59', calling_to = '00:00' where id = ${campaign}`.execute(db);
    expect((await claim(caller)).reason).toBe('outside_hours');
    await sql`update campaigns set calling_from = '00:00', calling_to = '23:59:59' where id = ${campaign}`.execute(db);
  });

  it('sweeps: a lease that ran out and a call-back that fell due go back to ready', async () => {
    const held = await enqueue('+919800000041', 'hi', 0);
    const waiting = await enqueue('+919800000042', 'hi', 0);
    await sql`update campaign_contacts set state = 'held', held_by = ${caller.userId}, lease_until = now() - interval '1 second' where contact_id = ${held}`.execute(db);
    await sql`update campaign_contacts set state = 'waiting', next_at = now() - interval '1 second' where contact_id = ${waiting}`.execute(db);
    const swept = await one(sql<{ promoted: number; released: number }>`select * from outreach_sweep()`);
    expect(swept.promoted).toBeGreaterThanOrEqual(1);
    expect(swept.released).toBeGreaterThanOrEqual(1);
    expect((await stateOf(held)).state).toBe('ready');
    expect((await stateOf(waiting)).state).toBe('ready');
  });
  it('records an outcome once per key and moves the contact on by what happened', async () => {
    await sql`update campaign_contacts set state = 'done', held_by = null, lease_until = null where state in ('ready', 'held')`.execute(db); // a clean queue for this test
    const busy = await enqueue('+919800000051', 'hi', 2);
    const record = (a: Actor, key: string, contact: number, outcome: string, callback: Date | null = null) => withActor(db, a, async (tx) =>
      (await sql<{ call_id: number; duplicate: boolean; state: string }>`select * from outreach_record(${key}::uuid, ${campaign}::bigint, ${contact}::bigint,
        ${outcome}, ${callback}::timestamptz, ${JSON.stringify({ q1: 'yes' })}::jsonb, null, false)`.execute(tx)).rows[0]);
    expect((await claim(caller)).contact_id).toBe(busy);
    const key = randomUUID();
    const first = await record(caller, key, busy, 'busy');
    expect(first).toMatchObject({ duplicate: false, state: 'waiting' });
    // Sent again after a lost connection: the same call, nothing moves twice.
    expect(await record(caller, key, busy, 'busy')).toEqual({ call_id: first.call_id, duplicate: true, state: 'waiting' });
    expect(await one(sql<{ n: number; attempts: number }>`select (select count(*)::int from calls where idempotency_key = ${key}::uuid) as n,
      (select attempts from campaign_contacts where contact_id = ${busy}) as attempts`)).toEqual({ n: 1, attempts: 1 });

    // A do-not-call: opted out for every campaign of the tenant, and never handed out again.
    const refuses = await enqueue('+919800000052', 'hi', 2);
    const second = (await one(sql<{ id: number }>`insert into campaigns (tenant_id, centre_id, unit_path, name, starts_at, ends_at, status)
      values (${t}, ${centre}, ${rootPath}::ltree, 'Second', now(), now() + interval '1 day', 'active') returning id`)).id;
    await sql`insert into campaign_contacts (tenant_id, campaign_id, contact_id, centre_id, unit_path, language, state)
      values (${t}, ${second}, ${refuses}, ${centre}, ${rootPath}::ltree, 'hi', 'waiting')`.execute(db);
    expect((await claim(caller)).contact_id).toBe(refuses);
    expect((await record(caller, randomUUID(), refuses, 'do_not_call')).state).toBe('done');
    expect(await one(sql<{ n: number }>`select count(*)::int as n from opt_outs where phone = '+919800000052'`)).toEqual({ n: 1 });
    expect(await one(sql<{ state: string }>`select state from campaign_contacts where campaign_id = ${second} and contact_id = ${refuses}`)).toEqual({ state: 'suppressed' });

    // A call-back waits until its time and then comes first; someone who is not an agent cannot record.
    const later = await enqueue('+919800000053', 'hi', 0);
    expect((await claim(caller)).contact_id).toBe(later);
    expect((await record(caller, randomUUID(), later, 'call_back', new Date(Date.now() - 1000))).state).toBe('waiting');
    await sql`select * from outreach_sweep()`.execute(db);
    expect(await one(sql<{ state: string; is_callback: boolean }>`select state, is_callback from campaign_contacts where contact_id = ${later}`)).toEqual({ state: 'ready', is_callback: true });
    await expect(record(agent(world.users.adminA.id), randomUUID(), later, 'answered')).rejects.toThrow(/not an agent/);
  });

  it('lets only the server\'s own connection call the one-statement wrappers, which trust the tenant and user they are given', async () => {
    await expect(withActor(db, caller, (tx) => sql`select * from outreach_claim_for(${t}::uuid, ${caller.userId}::uuid, 'x', null, null, false, ${centre}::bigint, 300)`.execute(tx)))
      .rejects.toThrow(/permission denied/);
    await expect(withActor(db, caller, (tx) => sql`select * from outreach_record_for(${t}::uuid, ${caller.userId}::uuid, 'x', null, null, ${randomUUID()}::uuid,
      ${campaign}::bigint, 1::bigint, 'busy', null, '{}'::jsonb, null, false)`.execute(tx))).rejects.toThrow(/permission denied/);
  });
});
