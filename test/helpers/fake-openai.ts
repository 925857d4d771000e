/** Starts the scripted OpenAI-compatible server (fake-openai-server.mjs) in its own process. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { makeTempDir } from './repo.js';

export interface Scenario {
  answer?: unknown;
  status?: number;
  mode?: 'hang' | 'malformed';
  delayMs?: number;
  models?: string[];
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: any;
}

export interface FakeOpenAI {
  url: string;
  requests(): RecordedRequest[];
  stop(): void;
}

export const READY = { verdict: 'ready', summary: 'Adds a small helper; low risk.', findings: [] };

export async function startFakeOpenAI(scenario: Scenario = { answer: READY }): Promise<FakeOpenAI> {
  const dir = makeTempDir('spark-guard-fake-openai-');
  const log = path.join(dir, 'requests.jsonl');
  fs.writeFileSync(log, '');
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'fake-openai-server.mjs'), JSON.stringify({ ...scenario, log })], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`fake server exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests: () =>
      fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as RecordedRequest),
    stop: () => {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
