import { z } from 'zod';

const Code = (max: number) => z.string().regex(new RegExp(`^[a-z_]{2,${max}}$`), 'lower-case letters and _');
const Name = z.string().trim().min(1).max(120);
const NameHi = z.string().trim().max(120).nullable().optional();

export const Level = z.object({ level: Code(30), depth: z.number().int().min(0).max(30), name: Name, nameHi: NameHi });
export const Wing = z.object({ code: Code(30), name: Name, nameHi: NameHi });
export const DesignationType = z.object({
  level: Code(30), code: Code(40), name: Name, nameHi: NameHi, seats: z.number().int().min(1).max(500).default(1),
  perPage: z.boolean().default(false), isRequired: z.boolean().default(true), isHead: z.boolean().default(false), sort: z.number().int().min(0).max(999).default(0),
});
export const Norm = z.object({ level: Code(30), minFormed: z.number().int().min(0).max(500), minWomen: z.number().int().min(0).max(500), minScSt: z.number().int().min(0).max(500) });

const unique = <T>(key: (t: T) => string, what: string) => (items: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const k = key(it);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `${what} ${k} is listed twice`, path: [i] });
    seen.add(k);
  });
};
export const LevelsBody = z.object({ items: z.array(Level).min(1).max(30).superRefine(unique((l) => l.level, 'level')).superRefine(unique((l) => String(l.depth), 'depth')) });
export const WingsBody = z.object({ items: z.array(Wing).max(50).superRefine(unique((w) => w.code, 'wing')) });
export const DesignationTypesBody = z.object({ items: z.array(DesignationType).max(500).superRefine(unique((t) => `${t.level}/${t.code}`, 'designation')) });
export const NormsBody = z.object({ items: z.array(Norm).max(30).superRefine(unique((n) => n.level, 'level')) });

export const OrgConfig = z.object({
  levels: z.array(z.object({ level: z.string(), depth: z.number(), name: z.string(), nameHi: z.string().nullable() })),
  wings: z.array(z.object({ code: z.string(), name: z.string(), nameHi: z.string().nullable() })),
  designationTypes: z.array(z.object({ level: z.string(), code: z.string(), name: z.string(), nameHi: z.string().nullable(), seats: z.number(),
    perPage: z.boolean(), isRequired: z.boolean(), isHead: z.boolean(), sort: z.number() })),
  norms: z.array(z.object({ level: z.string(), minFormed: z.number(), minWomen: z.number(), minScSt: z.number() })),
});
export type OrgConfig = z.infer<typeof OrgConfig>;
