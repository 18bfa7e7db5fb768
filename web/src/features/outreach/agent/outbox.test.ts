// The agent's outbox: an outcome is stored before it is sent and leaves storage only once the server
// answered; offline it waits and goes with the next flush, once; a refusal is shown, not retried.
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../api.ts';
import type { CallInput, Recorded } from './api.ts';
import { isRetryable, loadOutbox, Outbox, outboxKey, type KeyValue } from './outbox.ts';

class Memory implements KeyValue {
  readonly map = new Map<string, string>();
  getItem(k: string) { return this.map.get(k) ?? null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
}

const call = (n: number, outcome: CallInput['outcome'] = 'busy'): CallInput =>
  ({ idempotencyKey: `00000000-0000-4000-8000-00000000000${n}`, campaignId: 1, contactId: n, outcome, answers: {} });

/** A server that records each key once, and can be switched off (the phone loses its connection). */
function fakeServer() {
  const recorded = new Map<string, number>();
  const requests: string[] = [];
  let mode: 'up' | 'offline' | 'down' | 'invalid' = 'up';
  const send = async (body: CallInput): Promise<Recorded> => {
    requests.push(body.idempotencyKey);
    if (mode === 'offline') throw new ApiProblem(0, 'Network error', '');
    if (mode === 'down') throw new ApiProblem(503, 'Service Unavailable', 'restarting');
    if (mode === 'invalid') throw new ApiProblem(400, 'Bad Request', 'Some answers do not fit the script', [{ field: 'answers.rating', message: 'required' }]);
    const dup = recorded.has(body.idempotencyKey);
    if (!dup) recorded.set(body.idempotencyKey, recorded.size + 1);
    return { callId: recorded.get(body.idempotencyKey)!, duplicate: dup, state: 'done' };
  };
  return { send, recorded, requests, set: (m: typeof mode) => { mode = m; } };
}

describe('agent outbox', () => {
  it('sends at once when online and keeps nothing', async () => {
    const kv = new Memory();
    const server = fakeServer();
    const box = new Outbox(kv, outboxKey('u1'), server.send);
    const r = await box.submit(call(1), true);
    expect(r).toMatchObject({ kind: 'sent', recorded: { duplicate: false } });
    expect(box.state()).toEqual({ pending: [], refused: [] });
    expect(server.recorded.size).toBe(1);
  });

  it('keeps an outcome entered offline without trying, and sends it once when the connection returns', async () => {
    const kv = new Memory();
    const server = fakeServer();
    const box = new Outbox(kv, outboxKey('u1'), server.send);
    server.set('offline');
    expect(await box.submit(call(1), false)).toEqual({ kind: 'queued' });
    expect(server.requests).toEqual([]); // the phone knew it was offline
    expect(await box.submit(call(2), true)).toEqual({ kind: 'queued' }); // it thought it was online; fetch failed
    expect(box.state().pending.map((p) => [p.body.contactId, p.tries])).toEqual([[1, 0], [2, 1]]);
    // Still offline: the flush stops at the first failure and counts the try.
    expect(await box.flush()).toEqual({ sent: 0, refused: 0, remaining: 2 });
    server.set('up');
    // The online event and the interval fire together: one flush, one request per outcome.
    const [a, b] = await Promise.all([box.flush(), box.flush()]);
    expect(a).toEqual({ sent: 2, refused: 0, remaining: 0 });
    expect(b).toBe(a);
    expect([...server.recorded.keys()]).toEqual([call(1).idempotencyKey, call(2).idempotencyKey]);
    expect(await box.flush()).toEqual({ sent: 0, refused: 0, remaining: 0 });
    expect(server.requests.filter((k) => k === call(1).idempotencyKey).length).toBe(2); // the failed try and the one that went
  });

  it('survives a reload: another Outbox on the same storage sends what the first left, and a resend of a sent key is a duplicate', async () => {
    const kv = new Memory();
    const server = fakeServer();
    await new Outbox(kv, outboxKey('u1'), server.send).submit(call(1), false);
    // The request went through but the answer was lost: the server has it, the phone still holds it.
    await server.send(call(1));
    const after = new Outbox(kv, outboxKey('u1'), server.send);
    expect(after.state().pending).toHaveLength(1);
    expect(await after.flush()).toEqual({ sent: 1, refused: 0, remaining: 0 });
    expect(server.recorded.size).toBe(1);
  });

  it('retries on server failures and on a lapsed session, but shows a refusal and does not retry it', async () => {
    expect(isRetryable(new ApiProblem(0, 'x', ''))).toBe(true);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable(new ApiProblem(502, 'x', ''))).toBe(true);
    expect(isRetryable(new ApiProblem(401, 'x', ''))).toBe(true);
    expect(isRetryable(new ApiProblem(400, 'x', ''))).toBe(false);
    expect(isRetryable(new ApiProblem(404, 'x', ''))).toBe(false);

    const kv = new Memory();
    const server = fakeServer();
    const box = new Outbox(kv, outboxKey('u1'), server.send);
    server.set('down');
    expect(await box.submit(call(1), true)).toEqual({ kind: 'queued' });
    // Sent at once and refused: the agent sees why on the screen; nothing stays behind.
    server.set('invalid');
    const refused = await box.submit(call(2, 'answered'), true);
    expect(refused.kind).toBe('refused');
    expect(box.state().pending.map((p) => p.body.contactId)).toEqual([1]);
    // Refused when sent late: kept on the refused list to read, and never sent again.
    expect(await box.flush()).toEqual({ sent: 0, refused: 1, remaining: 0 });
    expect(box.state().refused).toMatchObject([{ status: 400, errors: [{ field: 'answers.rating' }], body: { contactId: 1 } }]);
    const before = server.requests.length;
    await box.flush();
    expect(server.requests.length).toBe(before);
    box.dismiss(call(1).idempotencyKey);
    expect(box.state().refused).toEqual([]);
  });

  it('keeps one outbox per user and shrugs off a damaged entry', async () => {
    const kv = new Memory();
    const server = fakeServer();
    await new Outbox(kv, outboxKey('u1'), server.send).submit(call(1), false);
    expect(new Outbox(kv, outboxKey('u2'), server.send).state().pending).toEqual([]);
    kv.setItem(outboxKey('u3'), '{not json');
    expect(loadOutbox(kv, outboxKey('u3'))).toEqual({ pending: [], refused: [] });
    kv.setItem(outboxKey('u3'), JSON.stringify({ pending: [{ nonsense: true }, { body: call(3), tries: 0 }] }));
    expect(loadOutbox(kv, outboxKey('u3')).pending).toHaveLength(1);
  });

  it('queues the same outcome once even when submitted twice', async () => {
    const kv = new Memory();
    const box = new Outbox(kv, outboxKey('u1'), fakeServer().send);
    await box.submit(call(1), false);
    await box.submit(call(1), false);
    expect(box.state().pending).toHaveLength(1);
  });
});

describe('idempotency keys', () => {
  it('are v4 UUIDs the API accepts, also without crypto.randomUUID (plain http)', async () => {
    const { newIdempotencyKey } = await import('./outbox.ts');
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const plain: Pick<Crypto, 'getRandomValues'> = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const keys = Array.from({ length: 50 }, () => newIdempotencyKey(plain));
    expect(keys.every((k) => v4.test(k))).toBe(true);
    expect(new Set(keys).size).toBe(50);
    expect(v4.test(newIdempotencyKey())).toBe(true);
  });
});
