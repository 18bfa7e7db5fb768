// Live projection for the builder: while a slider moves, a provisional run with fewer simulations;
// once it rests, the full run. Only the latest request waits for the worker (engine.ts coalesces).
// Each answer to slider moves is measured from the earliest move it answers to the next paint, as the
// performance entry `scenario:slider` (bench/scenario-slider.ts reads them).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BaselineOut, ScenarioInput } from './api.ts';
import { FULL_SIMS, PROVISIONAL_SIMS } from './draft.ts';
import { projectionEngine } from './engine.ts';
import type { RunJob, RunResult } from './engineTypes.ts';

export interface Live {
  result: RunResult | null;
  simulations: number;
  provisional: boolean;
  /** A run is waiting or in the worker. */
  running: boolean;
  error: string | null;
}

interface Paint { from: number; simulations: number; provisional: boolean; received: number; ms: RunResult['ms'] }

export function useLiveProjection(baseline: BaselineOut | undefined, scenario: ScenarioInput, ladder: RunJob['ladder'], interacting: boolean) {
  const [live, setLive] = useState<Live>({ result: null, simulations: 0, provisional: false, running: false, error: null });
  /** Slider moves not yet answered on screen: their sequence number and event time (performance.now()'s clock). */
  const moves = useRef<{ seq: number; at: number }[]>([]);
  const seq = useRef(0);
  const painted = useRef<Paint | null>(null);
  const outstanding = useRef(0);
  const key = JSON.stringify([scenario, ladder]);

  /** Call with the input event's timeStamp when a slider moves. */
  const noteMove = useCallback((at: number) => { moves.current.push({ seq: ++seq.current, at }); }, []);

  useEffect(() => {
    if (!baseline) return;
    const engine = projectionEngine();
    const election = baseline.election ?? '';
    engine.setBaseline(election, baseline);
    const simulations = interacting ? PROVISIONAL_SIMS : FULL_SIMS;
    const upTo = seq.current;
    outstanding.current++;
    setLive((l) => ({ ...l, running: true }));
    engine.run('live', { key: election, scenario, simulations, wantSeats: !interacting, ladder }).then((result) => {
      outstanding.current--;
      if (!result) return; // superseded by a later move: that run answers instead
      // This answer covers every move up to its submission: measure from the earliest of them.
      const answered = moves.current.filter((m) => m.seq <= upTo);
      moves.current = moves.current.filter((m) => m.seq > upTo);
      painted.current = answered.length ? { from: answered[0].at, simulations, provisional: interacting, received: performance.now(), ms: result.ms } : null;
      setLive({ result, simulations, provisional: interacting, running: outstanding.current > 0, error: null });
    }, (e: Error) => {
      outstanding.current--;
      setLive((l) => ({ ...l, running: outstanding.current > 0, error: e.message }));
    });
    // The key stands for scenario and ladder (new objects every render, the same content).
  }, [baseline, key, interacting]);

  useEffect(() => {
    const p = painted.current;
    if (!p) return;
    painted.current = null;
    // React has committed the totals; the next frame paints them, and the task after that frame runs once it has.
    // The detail says where the time went: in the worker, until the answer reached the page, and after.
    const committed = performance.now();
    requestAnimationFrame(() => setTimeout(() => {
      const end = performance.now();
      performance.measure('scenario:slider', {
        start: p.from, end,
        detail: { simulations: p.simulations, provisional: p.provisional, workerMs: p.ms.total, prepareMs: p.ms.prepare, simulateMs: p.ms.simulate, receivedMs: p.received - p.from, renderMs: committed - p.received, paintMs: end - committed },
      });
    }, 0));
  }, [live.result]);

  useEffect(() => () => projectionEngine().cancel('live'), []);

  return { live, noteMove };
}
