// Outcomes entered on a flaky connection, sent exactly once. Every outcome is written to the phone's
// storage first (write-ahead), then sent; it leaves storage only when the server has answered for it,
// so a closed tab, a lost connection or a crash mid-request loses nothing. A resend is safe: the
// server records one call per idempotency key and answers a resend with the first call. Pure: the
// storage and the sender are handed in, so the tests drive it without a browser.
import { ApiProblem, type FieldProblem } from '../../../api.ts';
import type { CallInput, Recorded } from './api.ts';

export interface Pending { body: CallInput; queuedAt: string; tries: number; lastTryAt: string | null }
/** An outcome the server refused when it was sent late: shown to the agent, never retried blindly. */
export interface Refused { body: CallInput; status: number; detail: string; errors: FieldProblem[]; at: string }
export interface OutboxState { pending: Pending[]; refused: Refused[] }

/** What localStorage offers; the tests hand in a Map. */
export interface KeyValue { getItem(key: string): string | null; setItem(key: string, value: string): void }

/** One outbox per user, so two agents sharing a phone never send each other's outcomes. */
export const outboxKey = (userId: string) => `warroom.agent.outbox.${userId}`;

const EMPTY: OutboxState = { pending: [], refused: [] };

export function loadOutbox(kv: KeyValue, key: string): OutboxState {
  try {
    const raw = JSON.parse(kv.getItem(key) ?? 'null') as Partial<OutboxState> | null;
    if (!raw || typeof raw !== 'object') return EMPTY;
    const ok = (b: unknown): b is { body: CallInput } => !!b && typeof (b as { body?: { idempotencyKey?: unknown } }).body?.idempotencyKey === 'string';
    return { pending: (Array.isArray(raw.pending) ? raw.pending : []).filter(ok), refused: (Array.isArray(raw.refused) ? raw.refused : []).filter(ok) };
  } catch {
    return EMPTY; // a damaged entry must not stop the agent working
  }
}

/**
 * Whether a failed send may succeed later unchanged: no answer at all (offline, the connection
 * dropped), a server or gateway failure, a timeout, too many requests, or a session that ran out
 * (the agent signs in again and it goes). Anything else is the request's fault and is shown instead.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiProblem)) return true; // fetch itself threw: the network, not the request
  return error.status === 0 || error.status >= 500 || [401, 408, 425, 429].includes(error.status);
}

export type SubmitResult =
  | { kind: 'sent'; recorded: Recorded }
  | { kind: 'queued' }
  | { kind: 'refused'; error: unknown };

export interface FlushResult { sent: number; refused: number; remaining: number }

export class Outbox {
  private readonly inFlight = new Set<string>();
  private flushing: Promise<FlushResult> | null = null;

  constructor(
    private readonly kv: KeyValue,
    private readonly key: string,
    private readonly send: (body: CallInput) => Promise<Recorded>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  state(): OutboxState { return loadOutbox(this.kv, this.key); }

  /** Read, change and write back at once, so an outcome queued meanwhile (another tab) is kept. */
  private update(change: (s: OutboxState) => OutboxState): OutboxState {
    const next = change(this.state());
    this.kv.setItem(this.key, JSON.stringify(next));
    return next;
  }

  private enqueue(body: CallInput): void {
    this.update((s) => s.pending.some((p) => p.body.idempotencyKey === body.idempotencyKey) ? s
      : { ...s, pending: [...s.pending, { body, queuedAt: this.now().toISOString(), tries: 0, lastTryAt: null }] });
  }

  private drop(idempotencyKey: string): void {
    this.update((s) => ({ ...s, pending: s.pending.filter((p) => p.body.idempotencyKey !== idempotencyKey) }));
  }

  private tried(idempotencyKey: string): void {
    const at = this.now().toISOString();
    this.update((s) => ({ ...s, pending: s.pending.map((p) => p.body.idempotencyKey === idempotencyKey ? { ...p, tries: p.tries + 1, lastTryAt: at } : p) }));
  }

  /** One send of one queued outcome; nothing else sends the same key while it runs. */
  private async attempt(body: CallInput): Promise<SubmitResult> {
    const k = body.idempotencyKey;
    this.inFlight.add(k);
    try {
      const recorded = await this.send(body);
      this.drop(k);
      return { kind: 'sent', recorded };
    } catch (error) {
      if (isRetryable(error)) { this.tried(k); return { kind: 'queued' }; }
      this.drop(k);
      return { kind: 'refused', error };
    } finally {
      this.inFlight.delete(k);
    }
  }

  /**
   * The agent's outcome: stored first, then sent unless the phone knows it is offline. 'queued' means
   * it waits on the phone and goes with the next flush; 'refused' means the server said why (nothing
   * was recorded; the agent can correct it and send again).
   */
  async submit(body: CallInput, online: boolean): Promise<SubmitResult> {
    this.enqueue(body);
    if (!online) return { kind: 'queued' };
    return this.attempt(body);
  }

  /**
   * Sends what waits, oldest first; stops at the first network failure (the rest would fail too).
   * A late refusal moves to the refused list for the agent to read. Calls made while one runs share it.
   */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.runFlush().finally(() => { this.flushing = null; });
    return this.flushing;
  }

  private async runFlush(): Promise<FlushResult> {
    let sent = 0;
    let refused = 0;
    const seen = new Set<string>();
    for (;;) {
      // Read afresh each time: what another send finished meanwhile is gone and is not sent again.
      const p = this.state().pending.find((x) => !seen.has(x.body.idempotencyKey) && !this.inFlight.has(x.body.idempotencyKey));
      if (!p) break;
      seen.add(p.body.idempotencyKey);
      const r = await this.attempt(p.body);
      if (r.kind === 'sent') sent++;
      else if (r.kind === 'refused') {
        refused++;
        const e = r.error instanceof ApiProblem ? r.error : null;
        this.update((s) => ({ ...s, refused: [...s.refused, { body: p.body, status: e?.status ?? 0, detail: e?.detail || e?.title || String(r.error),
          errors: e?.errors ?? [], at: this.now().toISOString() }] }));
      } else break;
    }
    return { sent, refused, remaining: this.state().pending.length };
  }

  /** The agent has read a refusal. */
  dismiss(idempotencyKey: string): void {
    this.update((s) => ({ ...s, refused: s.refused.filter((r) => r.body.idempotencyKey !== idempotencyKey) }));
  }
}

/**
 * A version-4 UUID made on the device. crypto.randomUUID exists only in secure contexts (https or
 * localhost); a call centre reaching the server over plain http on its own network still gets one.
 */
export function newIdempotencyKey(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof c.randomUUID === 'function') {
    try { return c.randomUUID(); } catch { /* not a secure context */ }
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The browser's storage, or a memory stand-in where it is refused (a private window), so the screen still works. */
export function deviceStorage(): KeyValue {
  try {
    const probe = '__warroom_probe__';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    const m = new Map<string, string>();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
  }
}
