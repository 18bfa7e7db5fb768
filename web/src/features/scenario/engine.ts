// The page's side of the projection worker. One worker per tab, started on first use. Requests go
// through channels (live totals, comparisons, the seats map): each channel keeps only its latest
// request, so while one run is in the worker a burst of slider moves collapses into one next run,
// and nothing queues behind stale work. A superseded request resolves to null.
import type { Baseline } from './api.ts';
import type { EngineRequest, EngineResponse, RunJob, RunResult } from './engineTypes.ts';

export type Channel = 'live' | 'compare' | 'map';
const PRIORITY: Channel[] = ['live', 'compare', 'map'];

interface Pending { job: RunJob; resolve: (r: RunResult | null) => void; reject: (e: Error) => void }

class Engine {
  private worker: Worker | null = null;
  private sent = new Map<string, Baseline>();
  private pending = new Map<Channel, Pending>();
  private inFlight: (Pending & { id: number }) | null = null;
  private nextId = 1;

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'projection' });
    w.onmessage = (e: MessageEvent<EngineResponse>) => this.settle(e.data);
    w.onerror = (e) => {
      // A worker that failed to load or crashed: fail what it held, start afresh next time.
      e.preventDefault();
      const failed = this.inFlight;
      this.inFlight = null;
      this.worker?.terminate();
      this.worker = null;
      this.sent.clear();
      failed?.reject(new Error(e.message || 'the projection worker stopped'));
      this.pump();
    };
    this.worker = w;
    return w;
  }

  /** The baseline is posted once per key (it is the large part); later runs name it. */
  setBaseline(key: string, baseline: Baseline): void {
    if (this.sent.get(key) === baseline) return;
    this.sent.set(key, baseline);
    this.post({ type: 'baseline', key, baseline });
  }

  run(channel: Channel, job: RunJob): Promise<RunResult | null> {
    return new Promise((resolve, reject) => {
      this.pending.get(channel)?.resolve(null);
      this.pending.set(channel, { job, resolve, reject });
      this.pump();
    });
  }

  /** Drops a channel's waiting request (a page that unmounts). */
  cancel(channel: Channel): void {
    this.pending.get(channel)?.resolve(null);
    this.pending.delete(channel);
  }

  private post(msg: EngineRequest): void { this.start().postMessage(msg); }

  private pump(): void {
    if (this.inFlight) return;
    const channel = PRIORITY.find((c) => this.pending.has(c));
    if (!channel) return;
    const p = this.pending.get(channel)!;
    this.pending.delete(channel);
    const id = this.nextId++;
    this.inFlight = { ...p, id };
    this.post({ type: 'run', id, job: p.job });
  }

  private settle(msg: EngineResponse): void {
    const p = this.inFlight;
    if (!p || p.id !== msg.id) return;
    this.inFlight = null;
    if (msg.type === 'result') p.resolve(msg.result); else p.reject(new Error(msg.message));
    this.pump();
  }
}

let engine: Engine | null = null;
export function projectionEngine(): Engine {
  engine ??= new Engine();
  return engine;
}
