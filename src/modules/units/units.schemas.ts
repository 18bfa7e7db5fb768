import { z } from 'zod';
import { Id } from '../access/access.schemas.ts';

export const UnitParams = z.object({ unitId: Id });
export const ChildrenQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const Unit = z.object({
  id: z.number(), name: z.string(), nameHi: z.string().nullable(), level: z.string(), levelName: z.string(), levelNameHi: z.string().nullable(),
  childCount: z.number(), stateCode: z.string().nullable(), acNo: z.number().nullable(), partNo: z.number().nullable(),
});
export const UnitDetail = Unit.extend({ path: z.array(z.object({ id: z.number(), name: z.string(), nameHi: z.string().nullable(), level: z.string() })) });
export const UnitList = z.object({ items: z.array(Unit) });
export const UnitPage = z.object({ items: z.array(Unit), nextCursor: z.string().nullable() });

const Name = z.string().trim().min(1).max(200);
export const CreateUnitBody = z.object({
  parentId: Id, name: Name, nameHi: z.string().trim().max(200).nullable().optional(), level: z.string().regex(/^[a-z_]{2,30}$/),
  wing: z.string().regex(/^[a-z_]{2,30}$/).nullable().optional(),
  stateCode: z.string().regex(/^[A-Z]\d{2}$/).nullable().optional(), acNo: z.number().int().positive().nullable().optional(),
  partNo: z.number().int().positive().nullable().optional(),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;
export const RenameUnitBody = z.object({ name: Name.optional(), nameHi: z.string().trim().max(200).nullable().optional() })
  .refine((b) => b.name !== undefined || b.nameHi !== undefined, { message: 'nothing to change' });
export const MoveUnitBody = z.object({ parentId: Id });
