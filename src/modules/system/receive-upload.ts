// An upload sent as the request body, streamed into a temporary folder of its own (organisation files,
// contacts): cut off at the size limit, refused when empty; the caller removes the folder when done.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, Invalid } from '../../shared/errors.ts';
import { MAX_UPLOAD_BYTES } from '../elections/imports.routes.ts';

export const tooLarge = () => new AppError(413, 'Payload too large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 ** 2} MB`);

/** Streams the body into a temporary folder under the file's own (cleaned) name. */
export async function receive(body: Readable | undefined, name: string): Promise<{ dir: string; file: string }> {
  if (!body || typeof body.pipe !== 'function') throw new Invalid('The request has no file: send the file as the request body');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'warroom-upload-'));
  const file = path.join(dir, name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-120) || 'upload');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) { bytes += chunk.length; done(bytes > MAX_UPLOAD_BYTES ? tooLarge() : null, chunk); },
  });
  try {
    await pipeline(body, count, fs.createWriteStream(file));
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err instanceof AppError ? err : new Invalid('The upload was cut off before the whole file arrived');
  }
  if (bytes === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Invalid('The file is empty');
  }
  return { dir, file };
}
