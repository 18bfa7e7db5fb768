import type { Telephony } from '../modules/outreach/telephony.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Executor } from '../db/open.ts';
import { withActor, type Actor, type Tx } from '../db/scope.ts';
import type { AuthPolicy } from '../modules/access/auth.service.ts';
import { Unauthorized } from '../shared/errors.ts';

export interface Deps {
  db: Executor;
  policy: AuthPolicy;
  version: string;
  /** Readiness beyond "the database answers": false while the server is shutting down. */
  isReady: () => boolean;
  /** Click-to-call through a provider; absent when the server has none (agents dial by hand). */
  telephony?: Telephony;
}

export type App = FastifyInstance;
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The request's actor, for a use case that runs its own single statement rather than a transaction. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Unauthorized();
  return req.actor;
}

/** The transaction opens once, here at the edge, as the request's actor. */
export function asActor<T>(deps: Deps, req: FastifyRequest, fn: (tx: Tx, actor: Actor) => Promise<T>): Promise<T> {
  const actor = req.actor;
  if (!actor) throw new Unauthorized();
  return withActor(deps.db, actor, (tx) => fn(tx, actor));
}
