// The national do-not-disturb registry (NCPR): numbers the operator downloads from the regulator and
// imports for every tenant (reference data, no tenant). CSV or XLSX with a `phone` column (and
// optionally `listed_on`): a plain list of numbers needs the header line `phone` added. All or nothing with FILE:LINE problems; a number
// already listed is kept. The claim's chokepoint (outreach_claim) refuses every listed number.
import { sql } from 'kysely';
import type { Executor } from '../../db/open.ts';
import { normalisePhone } from '../../shared/phones.ts';
import { ImportRejected } from '../elections/problems.ts';
import { readSheet } from '../organisation/org-import-read.ts';

const MAX_PROBLEMS = 200;
const CHUNK = 20_000;

export async function importNcpr(db: Executor, file: string, fileName = file): Promise<{ rows: number; added: number; seconds: number }> {
  const started = performance.now();
  const sheet = await readSheet(file, fileName);
  const col = sheet.header.get('phone');
  if (col === undefined) throw new ImportRejected([`${fileName}:${sheet.headerLine}: phone: no phone column (a header line 'phone', then one number per line)`]);
  const dated = sheet.header.get('listed_on');
  const problems: string[] = [];
  const phones = new Map<string, string | null>();
  for (const { line, fields } of sheet.rows) {
    const raw = (fields[col] ?? '').trim();
    const p = normalisePhone(raw);
    if (!('e164' in p)) { problems.push(`${fileName}:${line}: phone: ${p.message} ('${raw}')`); continue; }
    const on = dated === undefined ? '' : (fields[dated] ?? '').trim();
    if (on && !/^\d{4}-\d{2}-\d{2}$/.test(on)) problems.push(`${fileName}:${line}: listed_on: a date such as 2024-03-31 ('${on}')`);
    phones.set(p.e164, on || null);
  }
  if (!problems.length && phones.size === 0) problems.push(`${fileName}: no numbers`);
  if (problems.length) throw new ImportRejected(problems.slice(0, MAX_PROBLEMS));
  const all = [...phones];
  let added = 0;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < all.length; i += CHUNK) {
      const chunk = all.slice(i, i + CHUNK);
      const r = await sql`insert into ncpr_numbers (phone, listed_on) select * from unnest(${chunk.map((c) => c[0])}::text[], ${chunk.map((c) => c[1])}::date[])
        on conflict (phone) do nothing`.execute(tx);
      added += Number(r.numAffectedRows ?? 0n);
    }
  });
  return { rows: all.length, added, seconds: Math.round((performance.now() - started) / 10) / 100 };
}
