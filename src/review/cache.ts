/** Review answers by prompt digest (diff, file list, gate results, message, model, instructions, prompt version). */
import fs from 'node:fs';
import path from 'node:path';
import { stateDir, type Repo } from '../git/repo.js';
import { parseAnswer, type ReviewAnswer } from './schema.js';
import { pruneOldest, writeAtomic } from '../cache-files.js';

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
  writeAtomic(path.join(dir(repo), `${digest}.json`), JSON.stringify(answer));
  pruneOldest(dir(repo), MAX_ENTRIES);
}
