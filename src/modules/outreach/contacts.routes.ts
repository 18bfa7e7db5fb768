// A person's data in the call centres over HTTP (contacts.ts): find, unmask (audited), withdraw consent,
// opt out, erase, export (outreach.export, audited). The sweep fills :contactId from its fixtures.
import { z } from 'zod';
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { Id } from '../access/access.schemas.ts';
import { addOptOut, eraseContact, exportContacts, findContacts, unmaskContact, withdrawConsent } from './contacts.ts';

const Params = z.object({ contactId: Id });
const ContactOut = z.object({
  id: z.number(), phone: z.string().nullable(), phoneMasked: z.boolean(), name: z.string().nullable(), language: z.string(), stateCode: z.string().nullable(),
  acNo: z.number().nullable(), tags: z.array(z.string()), kind: z.string(), consentSource: z.string().nullable(), consentWithdrawn: z.boolean(),
  optedOut: z.boolean(), erased: z.boolean(),
});

export function contactsRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['outreach'];
  r.get('/api/outreach/contacts', {
    config: { sweep: { example: () => ({ query: { q: '+919811100001' } }) } },
    schema: { tags, querystring: z.object({ q: z.string().trim().min(2).max(100) }), response: { 200: z.object({ items: z.array(ContactOut) }) } },
  }, (req) => asActor(deps, req, (tx, a) => findContacts(tx, a, req.query.q)));
  r.post('/api/outreach/contacts/:contactId/unmask', {
    schema: { tags, params: Params, response: { 200: z.object({ id: z.number(), phone: z.string() }) } },
  }, (req) => asActor(deps, req, (tx, a) => unmaskContact(tx, a, req.params.contactId)));
  r.post('/api/outreach/contacts/:contactId/consent-withdrawn', {
    schema: { tags, params: Params, response: { 200: z.object({ id: z.number(), consentWithdrawn: z.boolean() }) } },
  }, (req) => asActor(deps, req, (tx, a) => withdrawConsent(tx, a, req.params.contactId)));
  r.post('/api/outreach/contacts/:contactId/erase', {
    schema: { tags, params: Params, response: { 200: z.object({ id: z.number(), erased: z.boolean() }) } },
  }, (req) => asActor(deps, req, (tx, a) => eraseContact(tx, a, req.params.contactId)));
  r.post('/api/outreach/opt-outs', {
    config: { sweep: { example: () => ({ body: { phone: '+919811199999' } }) } },
    schema: { tags, body: z.object({ phone: z.string().trim().min(3).max(30), reason: z.string().trim().max(200).nullish() }),
      response: { 200: z.object({ phone: z.string(), optedOut: z.boolean() }) } },
  }, (req) => asActor(deps, req, (tx, a) => addOptOut(tx, a, req.body)));
  r.get('/api/outreach/contacts.csv', {
    schema: { tags, description: 'Every contact in your area with full numbers (CSV). Needs outreach.export; audited.' },
  }, async (req, reply) => {
    const body = await asActor(deps, req, (tx, a) => exportContacts(tx, a));
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="contacts.csv"').send(body);
  });
}
