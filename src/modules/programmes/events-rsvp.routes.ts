// Invitees answering by their own link (events-rsvp.ts): the organiser's "send links" as the actor, and
// the two public routes the link's page calls. They are public on purpose (test/security-sweep.test.ts):
// the token is the invitee's key and shows only that invitation.
import { z } from 'zod';
import { originOf } from '../../server/auth-hook.ts';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { answerInvitation, findInvitation, sendRsvpLinks } from './events-rsvp.ts';
import { EventParams, Rsvp, RsvpBody } from './events.schemas.ts';

const Invitation = z.object({
  title: z.string(), titleHi: z.string().nullable(), startsAt: z.string(), endsAt: z.string(), place: z.string().nullable(),
  status: z.enum(['planned', 'cancelled', 'done']), name: z.string(), nameHi: z.string().nullable(), rsvp: Rsvp.nullable(), open: z.boolean(),
});
const TokenParams = z.object({ token: z.string().max(64) });

export function eventsRsvpRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['events'];
  r.post('/api/events/:eventId/rsvp-links', {
    schema: { tags, params: EventParams, response: { 200: z.object({ queued: z.number() }) } },
  }, (req) => asActor(deps, req, (tx, a) => sendRsvpLinks(tx, a, req.params.eventId, `${req.protocol}://${req.host}`)));
  r.get('/api/rsvp/:token', { config: { public: true }, schema: { tags, params: TokenParams, response: { 200: Invitation } } },
    (req) => findInvitation(deps.db, req.params.token));
  r.post('/api/rsvp/:token', { config: { public: true }, schema: { tags, params: TokenParams, body: RsvpBody, response: { 200: Invitation } } },
    (req) => answerInvitation(deps.db, req.params.token, req.body.rsvp, originOf(req)));
}
