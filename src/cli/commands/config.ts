/** `spark-guard config [--json]`: the resolved config, and the file each value came from. */
import path from 'node:path';
import { findRepo } from '../../git/repo.js';
import { loadConfig } from '../../config/load.js';
import { isPlainObject } from '../../config/merge.js';

export async function showConfig(options: { json: boolean; env: NodeJS.ProcessEnv }): Promise<number> {
  const repo = await findRepo(process.cwd());
  const loaded = await loadConfig(repo.root, options.env);
  const shorten = (file: string) => (path.isAbsolute(file) ? path.relative(repo.root, file) || file : file);
  if (options.json) {
    const doc = {
      file: loaded.file,
      layers: loaded.layers.map((l) => l.file),
      config: loaded.config,
      sources: loaded.sources,
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  out.push(`config file: ${loaded.file ? shorten(loaded.file) : '(none: using spark-guard/presets/recommended)'}`);
  out.push(`layers:      ${loaded.layers.map((l) => shorten(l.file)).join(' → ')}`);
  out.push('');
  for (const [key, value] of Object.entries(loaded.config)) {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      out.push(`${key}:`);
      for (const [sub, subValue] of Object.entries(value)) {
        out.push(`  ${sub}: ${JSON.stringify(subValue)}  ← ${shorten(loaded.sources[`${key}.${sub}`] ?? loaded.sources[key] ?? '(defaults)')}`);
      }
    } else {
      out.push(`${key}: ${JSON.stringify(value)}  ← ${shorten(loaded.sources[key] ?? '(defaults)')}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
