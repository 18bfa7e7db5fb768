// Party aliases and successions: read with elections.read, changed with elections.import (they are
// shared by every tenant). Removing what is not there answers { removed: false }: a DELETE is idempotent.
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { Alias, AliasesOut, AliasIn, AliasParams, Removed, Succession, SuccessionIn, SuccessionKey, SuccessionsOut } from './parties.schemas.ts';
import { findAliases, findSuccessions, putAlias, putSuccession, removeAlias, removeSuccession } from './parties.service.ts';

export function partiesRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['parties'];
  r.get('/api/parties/aliases', { schema: { tags, response: { 200: AliasesOut } } }, (req) => asActor(deps, req, findAliases));
  r.put('/api/parties/aliases/:alias', {
    config: { sweep: { example: () => ({ body: { party: 'AAA', note: 'sweep' } }) } },
    schema: { tags, params: AliasParams, body: AliasIn, response: { 200: Alias } },
  }, (req) => asActor(deps, req, (tx, a) => putAlias(tx, a, req.params.alias, req.body)));
  r.delete('/api/parties/aliases/:alias', {
    config: { sweep: { example: () => ({}) } },
    schema: { tags, params: AliasParams, response: { 200: Removed } },
  }, (req) => asActor(deps, req, (tx, a) => removeAlias(tx, a, req.params.alias)));

  r.get('/api/parties/successions', { schema: { tags, response: { 200: SuccessionsOut } } }, (req) => asActor(deps, req, findSuccessions));
  r.put('/api/parties/successions', {
    config: { sweep: { example: () => ({ body: { from: 'AAA', to: 'BBB', weight: 0.5, year: 2024 } }) } },
    schema: { tags, body: SuccessionIn, response: { 200: Succession } },
  }, (req) => asActor(deps, req, (tx, a) => putSuccession(tx, a, req.body)));
  r.delete('/api/parties/successions', {
    config: { sweep: { example: () => ({ query: { from: 'AAA', to: 'BBB', year: '2024' } }) } },
    schema: { tags, querystring: SuccessionKey, response: { 200: Removed } },
  }, (req) => asActor(deps, req, (tx, a) => removeSuccession(tx, a, req.query)));
}
