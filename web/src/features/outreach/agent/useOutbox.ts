// The outbox in React: flushed when the page opens, when the connection returns, and every 15 s
// while something waits; the screen shows what waits, what was sent and what was refused.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { agentApi, type CallInput } from './api.ts';
import { deviceStorage, Outbox, outboxKey, type OutboxState, type SubmitResult } from './outbox.ts';

const RETRY_MS = 15_000;

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => { window.removeEventListener('online', on); window.removeEventListener('offline', off); };
  }, []);
  return online;
}

export function useOutbox(userId: string) {
  const box = useMemo(() => new Outbox(deviceStorage(), outboxKey(userId), agentApi.record), [userId]);
  const [state, setState] = useState<OutboxState>(() => box.state());
  const [lastSent, setLastSent] = useState<{ count: number; at: string } | null>(null);
  const refresh = useCallback(() => setState(box.state()), [box]);

  const flush = useCallback(async () => {
    if (!navigator.onLine) return;
    const r = await box.flush();
    if (r.sent) setLastSent({ count: r.sent, at: new Date().toISOString() });
    refresh();
  }, [box, refresh]);

  useEffect(() => {
    void flush(); // what an earlier visit left behind
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => { if (box.state().pending.length) void flush(); }, RETRY_MS);
    return () => { window.removeEventListener('online', onOnline); window.clearInterval(timer); };
  }, [box, flush]);

  const submit = useCallback(async (body: CallInput): Promise<SubmitResult> => {
    const r = await box.submit(body, navigator.onLine);
    refresh();
    return r;
  }, [box, refresh]);

  const dismiss = useCallback((key: string) => { box.dismiss(key); refresh(); }, [box, refresh]);

  return { pending: state.pending, refused: state.refused, lastSent, submit, flush, dismiss };
}
