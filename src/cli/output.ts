import cliProgress from 'cli-progress';

/** Output conventions: --json prints only JSON on stdout; progress and logs always go to stderr. */
export interface Out {
  json: boolean;
  log(line: string): void;
  result(value: unknown, human?: string): void;
  progress(): (p: { phase: string; done: number; total: number }) => void;
  done(): void;
}

export function output(json: boolean): Out {
  let bar: cliProgress.SingleBar | undefined;
  let phase = '';
  return {
    json,
    log: (line) => process.stderr.write(`${line}\n`),
    result: (value, human) => {
      bar?.stop();
      bar = undefined;
      if (json) process.stdout.write(`${JSON.stringify(value)}\n`);
      else process.stdout.write(`${human ?? JSON.stringify(value, null, 2)}\n`);
    },
    progress: () => (p) => {
      if (!process.stderr.isTTY) {
        if (p.phase !== phase) process.stderr.write(`${p.phase}…\n`);
        phase = p.phase;
        return;
      }
      if (!bar || p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        bar = new cliProgress.SingleBar({ stream: process.stderr, format: `${p.phase.padEnd(12)} [{bar}] {percentage}% {value}/{total} {eta_formatted}`, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(Math.max(1, p.total), 0);
      }
      bar.setTotal(Math.max(1, p.total));
      bar.update(p.done);
    },
    done: () => { bar?.stop(); bar = undefined; },
  };
}

/** One clear line on stderr and a non-zero exit: how every CLI failure ends. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`warroom: ${message}\n`);
  process.exit(code);
}
