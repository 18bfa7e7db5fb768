import type { App, Deps } from '../../server/deps.ts';

export function orgImportRoutes(_app: App, _deps: Deps) {
  // routes land here (docs/organisation.md)
}
