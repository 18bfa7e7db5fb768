// Keys on a desktop: N takes the next contact, digits answer the question on screen, letters record
// outcomes. Typing in a box, a modifier, a held-down key or an open panel never triggers anything.
import { useEffect, useRef } from 'react';
import type { Outcome } from './api.ts';
import { OUTCOME_KEYS } from './Outcomes.tsx';

export interface AgentKeys {
  holding: boolean;
  /** A panel is open or an outcome is on its way: only the panel's own controls count. */
  blocked: boolean;
  onNext: () => void;
  /** True when the digit meant something for the question on screen. */
  onDigit: (digit: number) => boolean;
  onOutcome: (outcome: Outcome) => void;
}

const BY_KEY = new Map((Object.entries(OUTCOME_KEYS) as [Outcome, string][]).map(([o, k]) => [k, o]));

export function useAgentKeys(keys: AgentKeys): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      const k = latest.current;
      const key = e.key.toLowerCase();
      if (!k.holding) {
        if (key === 'n') { e.preventDefault(); k.onNext(); }
        return;
      }
      if (k.blocked) return;
      if (/^[0-9]$/.test(key)) {
        if (k.onDigit(Number(key))) e.preventDefault();
        return;
      }
      const outcome = BY_KEY.get(key);
      if (outcome) { e.preventDefault(); k.onOutcome(outcome); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
