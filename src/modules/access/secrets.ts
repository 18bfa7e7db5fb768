import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is a const enum, which isolated modules cannot read: its value is 2.
const ARGON2ID = 2;

// argon2id with the library's defaults (19 MiB, t=2): current OWASP advice.
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Verify against a throwaway hash when the user is unknown, so timing does not reveal which e-mails exist.
  const target = stored ?? (await dummyHash());
  const ok = await verify(target, password).catch(() => false);
  return stored !== null && ok;
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummy;
}

/** An unguessable bearer secret (session cookie, API token): 256 bits, base64url. */
export function newSecret(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

/** Only hashes of bearer secrets are stored, so a database leak yields no usable session. */
export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
