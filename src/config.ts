import path from 'node:path';
import { z } from 'zod';

// Every setting comes from the environment (the README's configuration table lists them).
const Env = z.object({
  DATABASE_URL: z.string().optional(),
  WARROOM_DATA_DIR: z.string().default('.warroom'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  WARROOM_DEMO: z.enum(['auto', 'off']).default('auto'),
  WARROOM_DEMO_SCALE: z.enum(['state', 'national']).default('state'),
  WARROOM_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  WARROOM_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  WARROOM_SESSION_HOURS: z.coerce.number().int().min(1).default(12),
  WARROOM_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  /** Click-to-call: 'fake' dials no one (demos and tests); without it agents dial by hand. */
  WARROOM_TELEPHONY: z.enum(['none', 'fake']).default('none'),
  /** The secret the telephony provider signs its status webhook with. */
  WARROOM_TELEPHONY_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  demo: 'auto' | 'off';
  demoScale: 'state' | 'national';
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionHours: number;
  dbPool: number;
  telephony: 'none' | 'fake';
  telephonySecret?: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`bad configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.WARROOM_DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    demo: e.WARROOM_DEMO,
    demoScale: e.WARROOM_DEMO_SCALE,
    trustProxy: e.WARROOM_TRUST_PROXY === 'true',
    sessionIdleMinutes: e.WARROOM_SESSION_IDLE_MINUTES,
    sessionHours: e.WARROOM_SESSION_HOURS,
    dbPool: e.WARROOM_DB_POOL,
    telephony: e.WARROOM_TELEPHONY,
    telephonySecret: e.WARROOM_TELEPHONY_SECRET,
    logLevel: e.LOG_LEVEL,
    ...overrides,
  };
}
