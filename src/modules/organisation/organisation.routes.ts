// Every route of the organisation module (docs/organisation.md), registered from one place.
import type { App, Deps } from '../../server/deps.ts';
import { peopleRoutes } from './people.routes.ts';
import { committeeRoutes } from './committee.routes.ts';
import { strengthRoutes } from './strength.routes.ts';
import { configRoutes } from './config.routes.ts';
import { representativesRoutes } from './representatives.routes.ts';
import { inducteesRoutes } from './inductees.routes.ts';
import { orgImportRoutes } from './org-import.routes.ts';

export function organisationRoutes(app: App, deps: Deps) {
  configRoutes(app, deps);
  strengthRoutes(app, deps);
  committeeRoutes(app, deps);
  peopleRoutes(app, deps);
  representativesRoutes(app, deps);
  inducteesRoutes(app, deps);
  orgImportRoutes(app, deps);
}
