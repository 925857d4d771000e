/** The on-disk caches' two primitives: an atomic write, and pruning the least recently used files. */
import fs from 'node:fs';
import path from 'node:path';

/** Writes through a temp file and a rename, so a concurrent reader sees the old or the new file, never half. */
export function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Keeps the `max` most recently touched entries of a cache folder (temp files aside); safe if another process prunes too. */
export function pruneOldest(dir: string, max: number): void {
  const names = fs.readdirSync(dir).filter((n) => !n.startsWith('.'));
  if (names.length <= max) return;
  const aged = names
    .map((n) => {
      try {
        return { n, t: fs.statSync(path.join(dir, n)).mtimeMs };
      } catch {
        return { n, t: 0 };
      }
    })
    .sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - max)) fs.rmSync(path.join(dir, n), { force: true });
}
