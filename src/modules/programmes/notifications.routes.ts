// The actor's own notifications, and the outbox a delivery worker drains (docs/programmes.md).
import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { Id } from '../access/access.schemas.ts';
import { claimOutbox, findMyNotifications, markRead, reportOutbox } from './notifications.service.ts';

const Notification = z.object({
  id: z.number(), kind: z.enum(['task.assigned', 'task.escalated', 'task.due']), params: z.record(z.string(), z.unknown()),
  link: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable(),
});
const Channel = z.enum(['email', 'sms', 'whatsapp']);

export function notificationsRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['notifications'];
  const self = { sweep: { self: true } };
  r.get('/api/notifications', {
    config: self,
    schema: { tags, querystring: z.object({ unreadOnly: z.stringbool().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(Notification), unread: z.number() }) } },
  }, (req) => asActor(deps, req, (tx, a) => findMyNotifications(tx, a, req.query)));
  r.post('/api/notifications/read-all', { config: self, schema: { tags, response: { 200: z.object({ updated: z.number() }) } } },
    (req) => asActor(deps, req, (tx, a) => markRead(tx, a)));
  r.post('/api/notifications/:notificationId/read', {
    schema: { tags, params: z.object({ notificationId: Id }), response: { 200: z.object({ updated: z.number() }) } },
  }, (req) => asActor(deps, req, (tx, a) => markRead(tx, a, req.params.notificationId)));
  r.post('/api/outbox/claim', {
    config: { sweep: { example: () => ({ body: { channel: 'email', limit: 1 } }) } },
    schema: { tags, body: z.object({ channel: Channel, limit: z.number().int().min(1).max(500).default(50) }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.number(), channel: z.string(), recipient: z.string(), subject: z.string(), body: z.string(), attempts: z.number() })) }) } },
  }, (req) => asActor(deps, req, (tx, a) => claimOutbox(tx, a, req.body)));
  r.post('/api/outbox/:messageId/result', {
    config: { sweep: { example: () => ({ body: { ok: true } }) } },
    schema: { tags, params: z.object({ messageId: Id }), body: z.object({ ok: z.boolean(), error: z.string().max(500).nullish() }),
      response: { 200: z.object({ status: z.string() }) } },
  }, (req) => asActor(deps, req, (tx, a) => reportOutbox(tx, a, req.params.messageId, req.body)));
}
