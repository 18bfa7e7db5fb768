// The dashboard's live stream: an EventSource on …/live (the session cookie goes with it, same origin).
// Each `tick` names the newest call; when it differs from what the page shows, the numbers are fetched
// again. The browser reconnects by itself when the server ends a stream or the network drops.
import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'offline';

export function useLive(url: string, onTick: (lastCallId: number | null) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const tick = useRef(onTick);
  tick.current = onTick;
  useEffect(() => {
    if (typeof EventSource === 'undefined') { setState('offline'); return; }
    const es = new EventSource(url);
    es.addEventListener('open', () => setState('live'));
    es.addEventListener('error', () => setState(es.readyState === EventSource.CLOSED ? 'offline' : 'connecting'));
    es.addEventListener('tick', (e) => {
      setState('live');
      try { tick.current((JSON.parse((e as MessageEvent<string>).data) as { lastCallId: number | null }).lastCallId); } catch { /* a garbled event: wait for the next */ }
    });
    return () => es.close();
  }, [url]);
  return state;
}
