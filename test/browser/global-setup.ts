// Seeds the demo ONCE per browser run into a PGlite data folder; every test file then starts its
// server on a private copy of that folder (browser.ts startServer), so the files stay isolated (they
// write data) without each spending a minute or more seeding. Re-seeded on every run and removed
// afterwards, so the template can never be stale against changed migrations or seed code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/open.ts';
import { needsDemo, runDemoSeed } from '../../src/modules/demo/ensure.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A closed PGlite data folder, migrated and with the demo seeded; copy it, never open it in place. */
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-browser-template-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await seedTemplate(dir);
  } catch (err) {
    remove();
    throw err;
  }
  project.provide('demoTemplate', dir);
  return remove;
}

/** What `warroom serve` does on a fresh folder (migrate, then the demo at the configured scale), but failing loudly. */
async function seedTemplate(dir: string): Promise<void> {
  const config = loadConfig({ ...process.env, DATABASE_URL: '', WARROOM_DATA_DIR: dir });
  const started = Date.now();
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrate(database);
    let phase = '';
    const result = await runDemoSeed(database.db, {
      scale: config.demoScale,
      onProgress: (p) => { if (p.phase !== phase) { phase = p.phase; process.stderr.write(`[template] seeding ${p.phase}…\n`); } },
    });
    if (await needsDemo(database.db)) throw new Error('the demo template is incomplete after seeding');
    process.stderr.write(`[template] demo seeded once for every browser test file: ${result.rows.toLocaleString('en')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await database.close();
  }
}
