import { describe, expect, it } from 'vitest';
import en from './en.json';
import hi from './hi.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]);
}

function values(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (v && typeof v === 'object' ? values(v as object) : [String(v)]));
}

describe('translations', () => {
  it('has the same keys in English and Hindi', () => {
    expect(keys(hi).sort()).toEqual(keys(en).sort());
  });

  it('keeps the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce<any>((a, p) => a[p], o)]));
    const e = flat(en);
    const h = flat(hi);
    for (const k of Object.keys(e)) expect({ k, v: vars(h[k]) }).toEqual({ k, v: vars(e[k]) });
  });

  it('has no empty strings and Hindi is written in Devanagari', () => {
    expect(values(en).every((s) => s.trim() !== '')).toBe(true);
    expect(values(hi).every((s) => s.trim() !== '')).toBe(true);
    const devanagari = values(hi).filter((s) => /[\u0900-\u097F]/.test(s)).length;
    expect(devanagari / values(hi).length).toBeGreaterThan(0.9);
  });
});

describe('audit event labels', () => {
  it('names every audit event type the migrations define, in both languages', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = path.resolve(__dirname, '../../../db/migrations');
    const sqlText = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const blocks = [...sqlText.matchAll(/insert into audit_event_types[^;]*;/g)].map((m) => m[0]);
    const codes = blocks.flatMap((b) => [...b.matchAll(/\(\s*'([a-z_.]+)'\s*,/g)].map((m) => m[1]));
    expect(codes.length).toBeGreaterThan(30);
    const missing = (labels: Record<string, string>) => codes.map((c) => c.replace(/\./g, '_')).filter((k) => !labels[k]);
    expect(missing(en.events as unknown as Record<string, string>)).toEqual([]);
    expect(missing(hi.events as unknown as Record<string, string>)).toEqual([]);
  });
});
