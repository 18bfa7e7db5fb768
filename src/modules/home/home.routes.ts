import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { getHome } from './home.service.ts';

const HomeOut = z.object({
  tenant: z.object({ name: z.string(), nameHi: z.string().nullable(), isDemo: z.boolean() }),
  scope: z.array(z.object({ unitId: z.number(), name: z.string(), nameHi: z.string().nullable(), level: z.string() })),
  geography: z.object({ states: z.number(), pcs: z.number(), acs: z.number(), booths: z.number() }),
  units: z.array(z.object({ level: z.string(), name: z.string(), nameHi: z.string().nullable(), count: z.number() })),
  users: z.number(),
  elections: z.array(z.object({
    id: z.string(), name: z.string(), year: z.number(), house: z.string(), seats: z.number(),
    parties: z.array(z.object({ code: z.string(), name: z.string(), nameHi: z.string().nullable(), colour: z.string().nullable(), seats: z.number(), votes: z.number(), voteShare: z.number() })),
  })),
  recent: z.array(z.object({ at: z.string(), type: z.string(), actorLabel: z.string() })),
});

export function homeRoutes(app: App, deps: Deps) {
  typed(app).get('/api/home', { config: { sweep: { self: true } }, schema: { tags: ['home'], response: { 200: HomeOut } } }, (req) => asActor(deps, req, getHome));
}
