import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/open.ts';
import type { Actor } from '../db/scope.ts';
import { resolveSession, resolveToken, type AuthPolicy, type SessionInfo } from '../modules/access/auth.service.ts';
import { safeEqual } from '../modules/access/secrets.ts';
import { Forbidden, Unauthorized } from '../shared/errors.ts';

export const SESSION_COOKIE = 'wr_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest { actor?: Actor; session?: SessionInfo }
  interface FastifyContextConfig {
    /** Served without a session (sign-in, status, docs). Everything else needs an actor. */
    public?: boolean;
    /** For the security sweep (test/security-sweep.test.ts): how to call this route validly. */
    sweep?: {
      /** Answers about the actor themselves (their session, their tokens): others may call it, but must not see the owner's data. */
      self?: boolean;
      /** A valid body and query, given the sweep's fixtures. */
      example?: (fx: Record<string, unknown>) => { body?: unknown; query?: Record<string, string> };
    };
  }
}

export function originOf(req: FastifyRequest) {
  return { ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 300) };
}

/**
 * Resolves the actor before the body is even parsed: a bearer token, or the session cookie plus,
 * for writes, the session's CSRF token in x-csrf-token. Public routes skip this.
 */
export function registerAuthHook(app: FastifyInstance, db: Executor, policy: AuthPolicy) {
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const url = req.routeOptions.url;
    // Only /api needs an actor; pages, health and metrics carry no tenant data. Docs are public too.
    if (!url || !url.startsWith('/api/') || url.startsWith('/api/docs') || req.routeOptions.config?.public) return;
    const origin = originOf(req);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const resolved = await resolveToken(db, bearer, origin);
      if (!resolved) throw new Unauthorized('Unknown, expired or revoked API token');
      req.actor = resolved.actor;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    const resolved = cookie ? await resolveSession(db, policy, cookie, origin) : null;
    if (!resolved) throw new Unauthorized(cookie ? 'Your session has ended; sign in again' : 'Sign in first');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, resolved.session!.csrfToken)) throw new Forbidden('Missing or wrong x-csrf-token header');
    }
    req.actor = resolved.actor;
    req.session = resolved.session;
  });
}

export function cookieOptions(req: FastifyRequest, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https', maxAge: maxAgeSeconds };
}
