import type { Tx } from '../../db/scope.ts';

/**
 * Recomputes the own figures of the given units (unit_own_strength) from the base tables and adds
 * the change to every ancestor's sums (unit_strength, via org_apply_strength_delta). Call it in the
 * same transaction as any write that changes a unit's committee, workers or their verification.
 */
export async function refreshStrength(_tx: Tx, _unitIds: number[]): Promise<void> {
  // implemented by the strength work (docs/organisation.md)
}

/**
 * Recomputes every unit's own figures and all subtree sums of one tenant, set-based (seeding, bulk
 * imports). Runs as the system or inside an actor's transaction with the tenant's whole tree in scope.
 */
export async function rebuildStrength(_db: import('../../db/open.ts').Executor, _tenantId: string): Promise<void> {
  // implemented by the strength work (docs/organisation.md)
}
