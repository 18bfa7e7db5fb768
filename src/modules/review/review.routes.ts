// The review over HTTP (docs/programmes.md): scorecards, recording a review, and the deck as PDF or XLSX.
import { asActor, typed, type App, type Deps } from '../../server/deps.ts';
import { recordAudit } from '../access/audit.ts';
import * as S from './review.schemas.ts';
import { deckScorecards, getScorecard, recordReview } from './scorecard.service.ts';
import { renderDeckPdf } from './deck-pdf.ts';
import { renderDeckXlsx } from './deck-xlsx.ts';

const TITLE = { en: 'Programme review', hi: 'कार्यक्रम समीक्षा' };

export function reviewRoutes(app: App, deps: Deps) {
  const r = typed(app);
  const tags = ['review'];
  r.get('/api/review/:unitId', { schema: { tags, params: S.ReviewParams, response: { 200: S.Scorecard } } },
    (req) => asActor(deps, req, (tx, a) => getScorecard(tx, a, req.params.unitId)));
  r.post('/api/review/:unitId/record', { schema: { tags, params: S.ReviewParams, response: { 200: S.Scorecard } } },
    (req) => asActor(deps, req, (tx, a) => recordReview(tx, a, req.params.unitId)));
  for (const format of ['pdf', 'xlsx'] as const) {
    r.get(`/api/review/:unitId/deck.${format}`, { schema: { tags, params: S.ReviewParams, querystring: S.ReviewQuery } }, async (req, reply) => {
      const locale = req.query.lang;
      const deck = await asActor(deps, req, async (tx, a) => {
        const cards = await deckScorecards(tx, a, req.params.unitId);
        await recordAudit(tx, a, { type: 'review.export', entity: 'review', rowIds: [req.params.unitId], detail: { format, locale, pages: cards.pages.length + 1 } });
        return cards;
      });
      const input = { locale, title: TITLE[locale], generatedAt: new Date().toISOString(), ...deck };
      const name = `review-${deck.summary.unit.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${input.generatedAt.slice(0, 10)}`;
      if (format === 'pdf') {
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(await renderDeckPdf(input));
      }
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await renderDeckXlsx(input));
    });
  }
}
