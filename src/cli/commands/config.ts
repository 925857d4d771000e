/** `spark-guard config [--json]`: the resolved config, and the file each value came from. */
import path from 'node:path';
import { findRepo } from '../../git/repo.js';
import { loadConfig } from '../../config/load.js';
import { isPlainObject } from '../../config/merge.js';
import { loadScopes, scopeOf } from '../../config/scope.js';
import type { BannedRule } from '../../config/types.js';
import { describeMatch } from '../../rules/match.js';

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
    if (key === 'banned') {
      out.push(...describeBanned(loaded.config.banned, (id) => shorten(loaded.sources[`banned.${id}`] ?? loaded.sources.banned ?? '(defaults)')));
      continue;
    }
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

/** The banned rules as a person reads them: id, scope, what it catches, message, files (the compiled form: --json). */
export function describeBanned(banned: Record<string, BannedRule>, source: (id: string) => string): string[] {
  const ids = Object.keys(banned);
  if (ids.length === 0) return ['banned: (no rules)'];
  const out = ['banned:'];
  for (const id of ids) {
    const rule = banned[id]!;
    const scope = rule.scope ?? 'both';
    out.push(`  ${id}  [scope: ${scope === 'both' ? 'commit diffs and agent commands' : scope === 'diff' ? 'commit diffs only' : 'agent commands only'}]  ← ${source(id)}`);
    const catches = rule.catches ?? (rule.command?.length ? rule.command.map(describeMatch).join('; or ') : `added lines matching /${rule.pattern}/`);
    out.push(`    catches: ${catches}`);
    if (rule.catches && !rule.command?.length && rule.pattern) out.push(`    pattern: /${rule.pattern}/`);
    if (rule.message) out.push(`    message: ${rule.message}`);
    if (rule.files?.length && scope !== 'commands') out.push(`    files:   ${rule.files.join(', ')} (in commit diffs)`);
  }
  out.push('  (the compiled rules, with their patterns and matchers: spark-guard config --json)');
  return out;
}
