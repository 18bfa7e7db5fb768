// Click-to-call over HTTP: POST /api/outreach/bridges (the agent's held contact), GET its status, what
// this server offers (GET /api/outreach/telephony), and the provider's status webhook — public, and
// refused unless its signature verifies (telephony.ts has the contract).
import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { AppError, NotFound } from '../../shared/errors.ts';
import { Id } from '../access/access.schemas.ts';
import { applyStatus, getBridge, startBridge } from './bridges.ts';
import { BRIDGE_STATUSES, verify } from './telephony.ts';

const BridgeOut = z.object({ id: z.number(), status: z.string(), providerCallId: z.string().nullable(), durationSeconds: z.number().nullable() });
const StatusBody = z.object({ providerCallId: z.string().min(1).max(200), reference: z.string().max(200).optional(), status: z.enum(BRIDGE_STATUSES),
  durationSeconds: z.number().int().min(0).max(86_400).optional() });

export function bridgesRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['outreach'];
  r.get('/api/outreach/telephony', {
    config: { sweep: { self: true } }, // what the server offers: no tenant data
    schema: { tags, response: { 200: z.object({ bridging: z.boolean(), provider: z.string().nullable() }) } },
  }, async () => ({ bridging: Boolean(deps.telephony), provider: deps.telephony?.provider ?? null }));
  r.post('/api/outreach/bridges', {
    config: { sweep: { example: (fx) => ({ body: { campaignId: fx.campaignId, contactId: fx.heldContactId } }) } },
    schema: { tags, body: z.object({ campaignId: Id, contactId: Id }), response: { 201: BridgeOut } },
  }, async (req, reply) => {
    const statusUrl = `${req.protocol}://${req.host}/api/telephony/status`;
    return reply.code(201).send(await asActor(deps, req, (tx, a) => startBridge(tx, a, deps.telephony, req.body, statusUrl)));
  });
  r.get('/api/outreach/bridges/:bridgeId', {
    schema: { tags, params: z.object({ bridgeId: Id }), response: { 200: BridgeOut } },
  }, (req) => asActor(deps, req, (tx, a) => getBridge(tx, a, req.params.bridgeId)));

  // The webhook reads its body as text: the signature is over the exact bytes sent.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    typed(scope).post('/api/telephony/status', {
      config: { public: true },
      schema: { tags, description: 'The telephony provider\'s status webhook, signed (x-warroom-timestamp, x-warroom-signature); see docs/outreach.md.',
        response: { 200: z.object({ result: z.enum(['applied', 'stale']) }) } },
    }, async (req) => {
      const raw = typeof req.body === 'string' ? req.body : '';
      const t = deps.telephony;
      if (!t || !verify(t.secret, header(req.headers['x-warroom-timestamp']), header(req.headers['x-warroom-signature']), raw)) {
        throw new AppError(401, 'Bad signature', 'The request is not signed with this server\'s telephony secret, or it is too old');
      }
      let body: z.infer<typeof StatusBody>;
      try {
        body = StatusBody.parse(JSON.parse(raw));
      } catch {
        throw new AppError(400, 'Invalid request', 'The body is not a status: { providerCallId, status, durationSeconds? }');
      }
      const result = await applyStatus(deps.db, t.provider, body.providerCallId, body.status, body.durationSeconds);
      if (result === 'unknown') throw new NotFound('call');
      return { result };
    });
  });
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
