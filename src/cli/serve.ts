import type { GlobalOptions } from './main.ts';
import { loadConfig } from '../config.ts';
import { serve } from '../server/serve.ts';
import { fail } from './output.ts';

export async function serveCommand(g: GlobalOptions, o: { port?: string; host?: string; demo: boolean }) {
  const config = loadConfig({
    ...process.env,
    ...(g.dataDir && { WARROOM_DATA_DIR: g.dataDir }),
    ...(g.databaseUrl && { DATABASE_URL: g.databaseUrl }),
    ...(o.port && { PORT: o.port }),
    ...(o.host && { HOST: o.host }),
    ...(!o.demo && { WARROOM_DEMO: 'off' }),
  });
  const running = await serve(config).catch((err: Error) => fail(err.message));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: finishing in-flight requests, then closing the database\n`);
    const timer = setTimeout(() => fail('shutdown took over 20 s; exiting anyway'), 20_000);
    await running.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
