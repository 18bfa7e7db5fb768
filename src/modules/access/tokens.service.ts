import type { Actor, Tx } from '../../db/scope.ts';
import { NotFound } from '../../shared/errors.ts';
import { requirePermission } from './access.ts';
import { recordAudit } from './audit.ts';
import { newSecret, sha256 } from './secrets.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function findTokens(tx: Tx, actor: Actor) {
  requirePermission(actor, 'tokens.manage');
  const rows = await tx.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', actor.userId).orderBy('id', 'desc').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at.toISOString(), expiresAt: iso(r.expires_at), lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at) })) };
}

/** The token is shown once; only its hash is kept. It acts as its user, in this tenant only. */
export async function createToken(tx: Tx, actor: Actor, input: { name: string; expiresAt?: string }) {
  requirePermission(actor, 'tokens.manage');
  const token = newSecret('wr_');
  const row = await tx.insertInto('api_tokens').values({ tenant_id: actor.tenantId, user_id: actor.userId, name: input.name, token_hash: sha256(token), expires_at: input.expiresAt ? new Date(input.expiresAt) : null })
    .returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { type: 'token.create', entity: 'api_tokens', rowIds: [row.id], detail: { name: input.name } });
  return { id: row.id, name: input.name, token };
}

export async function revokeToken(tx: Tx, actor: Actor, tokenId: number): Promise<void> {
  requirePermission(actor, 'tokens.manage');
  const res = await tx.updateTable('api_tokens').set({ revoked_at: new Date() })
    .where('id', '=', tokenId).where('user_id', '=', actor.userId).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new NotFound('token');
  await recordAudit(tx, actor, { type: 'token.revoke', entity: 'api_tokens', rowIds: [tokenId] });
}
