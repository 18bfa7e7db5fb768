// The dashboard's live stream (server-sent events). It sends a light `tick` naming the newest call,
// not the dashboard itself: the probe is one step into calls_campaign_at from its end, cheap enough to
// run every few seconds for every open page, while the full numbers (whole-campaign passes, see
// dashboard.ts) are fetched by the page only when a tick says a call came in.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const PROBE_MS = 5_000;
const HEARTBEAT_MS = 20_000;
/**
 * A stream runs at most this long, then ends; the browser's EventSource reconnects by itself, and the
 * reconnection passes the session check again (a revoked session or grant stops streaming by then).
 */
const MAX_STREAM_MS = 10 * 60_000;

type Latest = { id: number; at: string } | null;

export function openLiveStream(req: FastifyRequest, reply: FastifyReply, o: {
  first: Latest; probe: () => Promise<Latest>; once: boolean; streams: Set<() => void>;
}) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
  });
  const send = (latest: Latest) => res.write(`event: tick\ndata: ${JSON.stringify({ lastCallId: latest?.id ?? null, at: latest?.at ?? null })}\n\n`);
  res.write(`retry: ${PROBE_MS}\n\n`);
  send(o.first);
  if (o.once) { res.end(); return; }

  let last = o.first?.id ?? null;
  let quietSince = Date.now();
  let busy = false;
  const started = Date.now();
  const timer = setInterval(async () => {
    if (busy) return; // a slow database: skip a beat rather than pile up probes
    busy = true;
    try {
      if (Date.now() - started > MAX_STREAM_MS) return end();
      const latest = await o.probe();
      if ((latest?.id ?? null) !== last) {
        last = latest?.id ?? null;
        send(latest);
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= HEARTBEAT_MS) {
        res.write(': heartbeat\n\n'); // keeps proxies from closing an idle connection
        quietSince = Date.now();
      }
    } catch (err) {
      req.log.warn({ err }, 'live stream probe failed; ending the stream');
      end();
    } finally {
      busy = false;
    }
  }, PROBE_MS);
  function end() {
    clearInterval(timer);
    o.streams.delete(end);
    if (!res.writableEnded) res.end();
  }
  o.streams.add(end);
  res.on('close', end); // the client went away (the response's close: the request's fires once its body is read)
}
