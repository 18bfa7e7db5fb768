// Click-to-call through a telephony provider (docs/outreach.md, "Telephony"): the provider dials the
// agent's phone, then the contact's, and bridges the two, so the agent never sees the number. Calls
// report their progress back to a status webhook, signed with a secret shared with the provider.
//
// The contract a provider adapter meets (and the fake below, which tests and WARROOM_TELEPHONY=fake use):
//   bridge({ reference, agentPhone, contactPhone, statusUrl }) → { providerCallId }
//   then POST statusUrl with JSON { providerCallId, reference, status, durationSeconds? } and the headers
//   x-warroom-timestamp: <unix seconds>  and  x-warroom-signature: sha256=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
// status is one of ringing, answered, completed, busy, no_answer, failed. A real provider whose own
// webhook differs gets a small adapter in front of this route; the verification stays the same.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const BRIDGE_STATUSES = ['ringing', 'answered', 'completed', 'busy', 'no_answer', 'failed'] as const;
export type BridgeStatus = (typeof BRIDGE_STATUSES)[number];

export interface BridgeRequest { reference: string; agentPhone: string; contactPhone: string; statusUrl: string }

export interface Telephony {
  /** Stored with each bridge; the webhook finds the call by provider and its call id. */
  provider: string;
  /** The shared secret the status webhook is signed with. */
  secret: string;
  bridge(req: BridgeRequest): Promise<{ providerCallId: string }>;
}

/** A signature has this long to arrive: an older one is a replay. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** True when the signature is the secret's over this timestamp and body, and the timestamp is recent. */
export function verify(secret: string, timestamp: string | undefined, signature: string | undefined, body: string, now = Date.now()): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return false;
  const want = Buffer.from(sign(secret, Number(timestamp), body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

export interface FakeTelephony extends Telephony {
  /** Every bridge asked for, in order. */
  readonly requests: (BridgeRequest & { providerCallId: string })[];
  /** Reports a status for a call as the provider would: a signed POST to its status URL. */
  report(providerCallId: string, status: BridgeStatus, durationSeconds?: number): Promise<void>;
}

/**
 * A provider that dials no one: it records each bridge and reports statuses through `deliver` (by
 * default an HTTP POST to the status URL), signed like a real one. With `autoAnswerMs` it reports
 * ringing at once and answered after that long, so a demo's agent sees the call go through.
 */
export function createFakeTelephony(opts: { secret: string; deliver?: (url: string, body: string, headers: Record<string, string>) => Promise<void>; autoAnswerMs?: number }): FakeTelephony {
  const requests: FakeTelephony['requests'] = [];
  const deliver = opts.deliver ?? (async (url, body, headers) => { await fetch(url, { method: 'POST', body, headers }); });
  const fake: FakeTelephony = {
    provider: 'fake',
    secret: opts.secret,
    requests,
    async bridge(req) {
      const providerCallId = `fake-${requests.length + 1}-${req.reference}`;
      requests.push({ ...req, providerCallId });
      if (opts.autoAnswerMs !== undefined) {
        setTimeout(() => { void fake.report(providerCallId, 'ringing').then(() => new Promise((r) => setTimeout(r, opts.autoAnswerMs)))
          .then(() => fake.report(providerCallId, 'answered')).catch(() => {}); }, 10).unref();
      }
      return { providerCallId };
    },
    async report(providerCallId, status, durationSeconds) {
      const req = requests.find((r) => r.providerCallId === providerCallId);
      if (!req) throw new Error(`no such fake call ${providerCallId}`);
      const body = JSON.stringify({ providerCallId, reference: req.reference, status, ...(durationSeconds === undefined ? {} : { durationSeconds }) });
      const timestamp = Math.floor(Date.now() / 1000);
      await deliver(req.statusUrl, body, { 'content-type': 'application/json', 'x-warroom-timestamp': String(timestamp), 'x-warroom-signature': sign(opts.secret, timestamp, body) });
    },
  };
  return fake;
}
