import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { openInput } from './csv.ts';

// A .tgz as public scrapes ship them (booth/raw/ls2014_gujarat_booth_results.csv.tgz): one CSV inside.
async function tgz(files: Record<string, string>): Promise<string> {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(files)) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wr-tgz-')), 'booths.csv.tgz');
  fs.writeFileSync(file, zlib.gzipSync(Buffer.concat(chunks)));
  return file;
}

async function readAll(file: string): Promise<string> {
  let out = '';
  for await (const c of await openInput(file)) out += (c as Buffer).toString('utf8');
  return out;
}

describe('archives', () => {
  it('streams the one file of a .tgz', async () => {
    const body = 'pc,ac,booth,candidate,party,votes\n' + '1,1,1,"A, B",BJP,10\n'.repeat(20_000);
    expect(await readAll(await tgz({ 'gujarat.csv': body }))).toBe(body);
  });

  it('refuses a tarball of several files with a clear message', async () => {
    const file = await tgz({ 'a.csv': 'x\n1\n', 'b.csv': 'x\n2\n' });
    await expect(readAll(file)).rejects.toThrow(/more than one file \(b\.csv too\)/);
  });
});
