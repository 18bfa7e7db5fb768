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
