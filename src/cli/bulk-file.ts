// What every bulk-file command shares: the tenant named by --tenant, and how a rejected file is told
// (one `FILE:LINE: field: message` line per problem, then that nothing was written; exit code 1).
import type { Executor } from '../db/open.ts';
import { ImportRejected } from '../modules/elections/problems.ts';
import { fail } from './output.ts';

export async function tenantOf(db: Executor, slug: string): Promise<string> {
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!tenant) fail(`--tenant: no tenant with slug '${slug}'`);
  return tenant.id;
}

/** Prints a rejected file's problems and sets the exit code; anything else is rethrown. */
export function reportRejected(err: unknown, files: string[]): void {
  if (!(err instanceof ImportRejected)) throw err;
  for (const line of err.problems) process.stderr.write(`${line}\n`);
  process.stderr.write(`warroom: ${files.join(', ')} ${files.length > 1 ? 'were' : 'was'} not imported (nothing was written)\n`);
  process.exitCode = 1;
}
