/** Live elapsed time of running gates, on a TTY only: one line rewritten in place on stderr. */
import type { Gate, GateResult } from '../gates/gate.js';
import { formatMs } from './human.js';
import { now } from '../clock.js';

export interface Progress {
  onStart(gate: Gate): void;
  onFinish(result: GateResult): void;
  stop(): void;
}

/** `stream` is asked for only when enabled: creating process.stderr costs a run 1-5 ms. */
export function createProgress(stream: () => NodeJS.WriteStream, enabled: boolean): Progress {
  const running = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  const draw = () => {
    const at = now();
    const parts = [...running].map(([name, t]) => `${name} ${formatMs(Math.round(at - t))}`);
    stream().write(`\r\u001b[2K${parts.length ? `  running: ${parts.join(' · ')}` : ''}`);
  };
  if (!enabled) return { onStart() {}, onFinish() {}, stop() {} };
  return {
    onStart(gate) {
      if (gate.phase !== 'concurrent') return;
      running.set(gate.id, now());
      timer ??= setInterval(draw, 100);
      timer.unref();
    },
    onFinish(result) {
      running.delete(result.name);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      stream().write('\r\u001b[2K');
    },
  };
}
