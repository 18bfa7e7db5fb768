import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { scanCsv } from './csv-scan.ts';

/** The records (as field arrays), their lines and the problems, with the input cut every `cut` bytes. */
async function scan(text: string, cut = 1 << 20) {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += cut) chunks.push(bytes.subarray(i, i + cut));
  const records: string[][] = [];
  const lines: number[] = [];
  const problems: string[] = [];
  await scanCsv(Readable.from(chunks), {
    onRecord(r) { records.push(r.fields()); lines.push(r.line); return undefined; },
    onProblem: (line, message) => { problems.push(`${line}: ${message}`); },
  });
  return { records, lines, problems };
}

describe('scanCsv', () => {
  const files = [
    'a,b,c\n1,2,3\n',
    'a,b,c\r\n1,2,3\r\n',
    '\uFEFFa,"b,c",d\n"x""y",2,"multi\nline"\n3,,\n',
    '\n\na,b\n\n',
    'no newline at the end',
    '"a","b"\r\n"c","d"',
    'राम सिंह,"PATEL, R",é\r\n',
  ];
  it.each(files)('reads %j as csv-parse does, wherever the input is cut', async (text) => {
    const want = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
    for (const cut of [1, 2, 3, 7, 1 << 20]) expect((await scan(text, cut)).records).toEqual(want);
  });

  it('numbers lines as the file does, counting line breaks inside quotes', async () => {
    expect((await scan('h\n"a\nb\nc",1\n\nlast\n', 3)).lines).toEqual([1, 2, 5, 6]);
  });

  it('reads fields without making strings: comparison and whole numbers', async () => {
    const seen: unknown[] = [];
    await scanCsv(Readable.from([Buffer.from(' ab ,12, 007 ,-3,1.5,,"9",99999999999\n')]), {
      onRecord(r) { seen.push(r.is(0, 'ab'), r.is(0, ' ab '), r.get(0), [1, 2, 3, 4, 5, 6, 7, 8].map((i) => r.int(i))); return undefined; },
      onProblem: () => undefined,
    });
    expect(seen).toEqual([true, false, 'ab', [12, 7, -2, -2, -1, 9, -2, -1]]);
  });

  it('reports a quote that is never closed, and text after a closing quote, at their lines', async () => {
    expect((await scan('a\n"b"x,c\nd,"e\n')).problems).toEqual([
      '2: text after a closing quote: \'"b"x\'; a quote inside a quoted field is written twice ("")',
      '3: a quoted field is never closed (it runs to the end of the file)',
    ]);
  });
});
