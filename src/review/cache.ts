/** Review answers by prompt digest (diff, file list, gate results, message, model, instructions, prompt version). */
import fs from 'node:fs';
import path from 'node:path';
import { stateDir, type Repo } from '../git/repo.js';
import { parseAnswer, type ReviewAnswer } from './schema.js';

const MAX_ENTRIES = 200;

function dir(repo: Repo): string {
  return path.join(stateDir(repo), 'cache', 'review');
}

export function readCachedAnswer(repo: Repo, digest: string): ReviewAnswer | null {
  try {
    return parseAnswer(fs.readFileSync(path.join(dir(repo), `${digest}.json`), 'utf8'));
  } catch {
    return null;
  }
}

export function writeCachedAnswer(repo: Repo, digest: string, answer: ReviewAnswer): void {
  const d = dir(repo);
  fs.mkdirSync(d, { recursive: true });
  const tmp = path.join(d, `.${digest}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(answer));
  fs.renameSync(tmp, path.join(d, `${digest}.json`));
  const names = fs.readdirSync(d).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.map((n) => ({ n, t: fs.statSync(path.join(d, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - MAX_ENTRIES)) fs.rmSync(path.join(d, n), { force: true });
}
