import { z } from 'zod';

export const Locale = z.enum(['en', 'hi']);
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const Uuid = z.uuid();
const Email = z.email().max(200).transform((s) => s.toLowerCase());

export const LoginBody = z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) });
export const SwitchTenantBody = z.object({ tenantId: Uuid });
export const UpdateMeBody = z.object({ locale: Locale.optional(), name: z.string().trim().min(1).max(120).optional() });

const TenantRef = z.object({ id: z.string(), slug: z.string(), name: z.string(), nameHi: z.string().nullable(), isDemo: z.boolean() });
export const Session = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: Locale }),
  tenant: TenantRef,
  tenants: z.array(TenantRef),
  permissions: z.array(z.string()),
  grants: z.array(z.object({ id: z.number(), role: z.string(), roleName: z.string(), unitId: z.number(), unitName: z.string(), unitLevel: z.string() })),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof Session>;

export const CreateUserBody = z.object({
  email: Email,
  name: z.string().trim().min(1).max(120),
  password: z.string().min(10, 'at least 10 characters').max(200),
  accessEndsAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
// A grant names its user by id, or by e-mail (a user who exists already, perhaps from another tenant).
export const CreateGrantBody = z.object({ userId: Uuid.optional(), email: Email.optional(), role: z.string().min(1).max(40), unitId: Id })
  .refine((b) => Boolean(b.userId) !== Boolean(b.email), { message: 'give userId or email, not both', path: ['userId'] });
export const GrantParams = z.object({ grantId: Id });

const GrantOut = z.object({ id: z.number(), role: z.string(), unitId: z.number(), unitName: z.string() });
export const UserOut = z.object({ id: z.string(), email: z.string(), name: z.string(), accessEndsAt: z.string().nullable(), grants: z.array(GrantOut) });
export const UsersOut = z.object({ items: z.array(UserOut) });
export const GrantOutFull = GrantOut.extend({ userId: z.string() });
export const RolesOut = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), nameHi: z.string().nullable(), permissions: z.array(z.string()) })) });

export const AuditQuery = z.object({
  type: z.string().max(60).optional(),
  actor: z.string().max(200).optional(),
  from: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
  to: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
  before: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditEventOut = z.object({
  id: z.number(), at: z.string(), actorLabel: z.string(), type: z.string(), entity: z.string(),
  rowIds: z.array(z.string()), detail: z.unknown(), ip: z.string().nullable(),
});
export const AuditPage = z.object({ items: z.array(AuditEventOut), nextCursor: z.string().nullable() });

export const CreateTokenBody = z.object({ name: z.string().trim().min(1).max(80), expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional() });
export const TokenParams = z.object({ tokenId: Id });
export const TokenOut = z.object({ id: z.number(), name: z.string(), createdAt: z.string(), expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
export const TokensOut = z.object({ items: z.array(TokenOut) });
export const CreatedToken = z.object({ id: z.number(), name: z.string(), token: z.string() });
