import { NotFound, Forbidden } from '../../shared/errors.ts';
import { isWithin, type Actor, type Tx } from '../../db/scope.ts';

/** True when some grant of the actor carries the permission (on the unit's path, when given). */
export function can(actor: Actor, permission: string, unitPath?: string): boolean {
  return actor.grants.some((g) => g.permissions.includes(permission) && (unitPath === undefined || isWithin(unitPath, g.unitPath)));
}

export function permissionsOf(actor: Actor): string[] {
  return [...new Set(actor.grants.flatMap((g) => g.permissions))].sort();
}

/** The first line of a use case that is not about particular units. */
export function requirePermission(actor: Actor, permission: string): void {
  if (!can(actor, permission)) throw new Forbidden(`Your role does not include ${permission}`);
}

/** Paths of the actor's grant roots carrying the permission (nested ones dropped). */
export function pathsWith(actor: Actor, permission: string): string[] {
  const paths = actor.grants.filter((g) => g.permissions.includes(permission)).map((g) => g.unitPath);
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && isWithin(p, q)));
}

export interface ScopedUnit { id: number; path: string; level: string; name: string }

/**
 * The first line of a use case about units: every id must exist, be visible (row-level security)
 * and sit under a grant carrying the permission. Missing and forbidden both answer 404.
 */
export async function requireUnits(tx: Tx, actor: Actor, permission: string, ids: number[]): Promise<ScopedUnit[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await tx.selectFrom('units').select(['id', 'level', 'name', (eb) => eb.cast<string>('path', 'text').as('path')])
    .where('id', 'in', unique).execute();
  const allowed = rows.filter((u) => can(actor, permission, u.path));
  if (allowed.length !== unique.length) throw new NotFound('unit');
  return allowed;
}
