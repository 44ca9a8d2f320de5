// Progress on a terminal only: a bar on stderr (stdout stays clean for --json and pipes).
import { SingleBar } from 'cli-progress';
import { type CliContext } from '../context';

export interface Progress {
  update(done: number, total: number, fields?: Record<string, string | number>): void;
  stop(): void;
}

const NONE: Progress = { update: () => undefined, stop: () => undefined };

export function progressBar(ctx: CliContext, format: string, enabled = true): Progress {
  if (!enabled || !ctx.streams.stderr.isTTY || ctx.env.CI) return NONE;
  const bar = new SingleBar({
    format,
    stream: ctx.streams.stderr as NodeJS.WriteStream,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
    fps: 5,
  });
  let started = false;
  return {
    update(done, total, fields = {}) {
      if (!started) {
        bar.start(total, done, fields);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, fields);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
