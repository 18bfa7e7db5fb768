// The dashboard's numbers, shared between the managers watching one campaign. Measured on PGlite with a
// campaign of 1M calls (14 days of them, the machine shared with a running browser test): the window's
// per-hour pass 0.6 s, the whole-campaign pass (outcomes, by AC) 2.3 s, contacts reached 1.8 s, the
// survey 1.3 s; about 6 s in all. Every open page refetching on every new call would recompute that per
// viewer, so a result is kept per campaign and query, served again while no call came in (for up to a
// minute: the queue's own counts move without calls) and at most every few seconds while calls pour in;
// concurrent requests for the same numbers wait on one computation. The permission is checked on every
// request before the cache is read: the numbers of a campaign are the same for everyone allowed to see it
// (its calls all sit at the campaign's unit), and a QA sample naming contacts is never cached.
import type { Actor, Tx } from '../../db/scope.ts';
import { requireCampaign } from './campaigns.ts';
import { getDashboard, latestCall } from './dashboard.ts';
import type { Dashboard, DashboardQuery } from './dashboard.schemas.ts';

/** Served again while no new call came in. */
const QUIET_MS = 60_000;
/** Served again even with new calls, when younger than this: one computation per campaign per beat of the live stream. */
const BUSY_MS = 5_000;
const MAX_ENTRIES = 200;
const cache = new Map<string, { at: number; value: Promise<Dashboard> }>();

export async function getDashboardShared(tx: Tx, actor: Actor, campaignId: number, q: DashboardQuery): Promise<Dashboard> {
  if (q.qaContacts === '1') return getDashboard(tx, actor, campaignId, q);
  await requireCampaign(tx, actor, campaignId, 'outreach.manage');
  const key = `${actor.tenantId}:${campaignId}:${JSON.stringify(q, Object.keys(q).sort())}`;
  const hit = cache.get(key);
  if (hit) {
    const age = Date.now() - hit.at;
    const value = await hit.value.catch(() => null);
    if (value && age < BUSY_MS) return value;
    if (value && age < QUIET_MS && value.lastCallId === ((await latestCall(tx, actor, campaignId))?.id ?? null)) return value;
  }
  const value = getDashboard(tx, actor, campaignId, q);
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
