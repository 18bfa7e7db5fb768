// The review's scorecard (src/modules/review/review.schemas.ts) and its deck downloads.
import { request, type Id } from '../../api.ts';

export interface UnitRef { id: number; name: string; nameHi: string | null; level: string }
export interface MetricRow {
  taskId: number; title: string; titleHi: string | null; kind: 'task' | 'drive'; metric: string; unitLabel: string | null; dueDate: string;
  target: number | null; actual: number; attainment: number | null; previousAttainment: number | null; isOverdue: boolean;
}
export interface ChildRow extends UnitRef {
  rank: number; attainment: number | null; previousAttainment: number | null; worstTaskId: number | null;
  metrics: { taskId: number; target: number | null; actual: number; attainment: number | null }[];
}
export interface Scorecard {
  unit: UnitRef; breadcrumb: UnitRef[]; asOf: string; lastReviewAt: string | null; attainment: number | null; previousAttainment: number | null;
  metrics: MetricRow[]; children: ChildRow[]; lacking: ChildRow[]; didWell: ChildRow[];
}
const enc = (v: Id) => encodeURIComponent(String(v));
export const reviewApi = {
  scorecard: (unitId: Id) => request<Scorecard>('GET', `/api/review/${enc(unitId)}`),
  record: (unitId: Id) => request<Scorecard>('POST', `/api/review/${enc(unitId)}/record`),
  deckUrl: (unitId: Id, format: 'pdf' | 'xlsx', lang: string) => `/api/review/${enc(unitId)}/deck.${format}?lang=${lang === 'hi' ? 'hi' : 'en'}`,
};
