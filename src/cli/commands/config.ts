/** `spark-guard config [--json]`: the resolved config, and the file each value came from. */
import path from 'node:path';
import { findRepo } from '../../git/repo.js';
import { loadConfig } from '../../config/load.js';
import { isPlainObject } from '../../config/merge.js';
import { loadScopes, scopeOf } from '../../config/scope.js';

export async function showConfig(options: { json: boolean; env: NodeJS.ProcessEnv; file?: string }): Promise<number> {
  const repo = await findRepo(process.cwd());
  const loaded = await loadConfig(repo.root, options.env);
  const shorten = (file: string) => (path.isAbsolute(file) ? path.relative(repo.root, file) || file : file);
  if (options.file !== undefined) {
    const rel = path.relative(repo.root, path.resolve(process.cwd(), options.file)).split(path.sep).join('/');
    const scope = scopeOf(await loadScopes(repo, loaded, options.env), rel);
    const own = scope.configFile ? shorten(scope.configFile) : '(recommended preset)';
    const root = loaded.file ? shorten(loaded.file) : '(recommended preset)';
    if (options.json) process.stdout.write(`${JSON.stringify({ file: rel, config: scope.configFile, dir: scope.dir, root: loaded.file, fileRules: scope.config }, null, 2)}\n`);
    else {
      // An inherited gate runs in the folder of the config that defines it (SPEC §3).
      const elsewhere = Object.keys(scope.config.gates).filter((n) => (scope.gateHomes?.[n]?.dir ?? scope.dir) !== scope.dir);
      const away = elsewhere.map((n) => `${n} in ${scope.gateHomes![n]!.dir || '.'}/`).join(', ');
      const where = scope.dir ? ` (gates run in ${scope.dir}/${away ? `; inherited: ${away}` : ''})` : away ? ` (inherited gates: ${away})` : '';
      process.stdout.write(`${rel}\n  files, banned, secrets, gates: ${own}${where}\n  diff, commitMessage, review:    ${root}\n`);
    }
    return 0;
  }
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
