import type { App, Deps } from '../../server/deps.ts';

export function representativesRoutes(_app: App, _deps: Deps) {
  // routes land here (docs/organisation.md)
}
