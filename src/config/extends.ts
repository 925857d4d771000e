/** Turns an `extends` entry into a file path, from the folder of the file that extends. */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { presetsDir } from '../paths.js';
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';

const SELF = 'spark-guard/presets/';
const EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.json', '.ts', '.yaml', '.yml'];

export function builtinPresets(): string[] {
  return fs
    .readdirSync(presetsDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function resolveExtends(spec: string, fromFile: string): string {
  const dir = path.dirname(fromFile);
  const builtin = spec.startsWith(SELF) ? spec.slice(SELF.length).replace(/\.js$/, '') : builtinPresets().includes(spec) ? spec : null;
  if (builtin !== null) {
    const file = path.join(presetsDir, `${builtin}.js`);
    if (!/^[\w-]+$/.test(builtin) || !fs.existsSync(file)) {
      throw new SparkGuardError('config', messages.unknownPreset(spec, builtinPresets()), { file: fromFile, keyPath: 'extends' });
    }
    return file;
  }
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const base = path.resolve(dir, spec);
    for (const ext of EXTENSIONS) {
      const candidate = base + ext;
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    throw new SparkGuardError('config', messages.missingExtendsFile(spec, base), { file: fromFile, keyPath: 'extends' });
  }
  return resolvePackage(spec, dir, fromFile);
}

function resolvePackage(spec: string, dir: string, fromFile: string): string {
  try {
    return createRequire(path.join(dir, 'noop.js')).resolve(spec);
  } catch {
    // ESM-only packages have no "require" export condition; look the package up by hand.
  }
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.slice(nameLength).join('/');
  for (let current = dir; ; current = path.dirname(current)) {
    const pkgDir = path.join(current, 'node_modules', name);
    const found = fs.existsSync(path.join(pkgDir, 'package.json')) && entryOf(pkgDir, subpath);
    if (found) return found;
    if (path.dirname(current) === current) break;
  }
  throw new SparkGuardError('config', messages.missingExtendsPackage(spec, name), { file: fromFile, keyPath: 'extends' });
}

function entryOf(pkgDir: string, subpath: string): string | null {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
    exports?: unknown;
    main?: string;
  };
  const key = subpath ? `./${subpath}` : '.';
  const target = pickExport(pkg.exports, key) ?? (subpath ? `./${subpath}` : (pkg.main ?? './index.js'));
  const base = path.resolve(pkgDir, target);
  for (const ext of EXTENSIONS) {
    if (fs.existsSync(base + ext) && fs.statSync(base + ext).isFile()) return base + ext;
  }
  return null;
}

function pickExport(exports: unknown, key: string): string | null {
  if (exports === undefined || exports === null) return null;
  if (typeof exports === 'string') return key === '.' ? exports : null;
  if (typeof exports !== 'object') return null;
  const map = exports as Record<string, unknown>;
  const isSubpathMap = Object.keys(map).some((k) => k.startsWith('.'));
  const entry = isSubpathMap ? map[key] : key === '.' ? map : undefined;
  return pickCondition(entry);
}

function pickCondition(entry: unknown): string | null {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) return entry.map(pickCondition).find((x) => x) ?? null;
  if (entry && typeof entry === 'object') {
    const conditions = entry as Record<string, unknown>;
    for (const c of ['import', 'node', 'default', 'require']) {
      const found = pickCondition(conditions[c]);
      if (found) return found;
    }
  }
  return null;
}
