/** Reads and writes package.json keeping its indentation and final newline. */
import fs from 'node:fs';
import path from 'node:path';

export interface PackageJson {
  file: string;
  // biome-ignore lint/suspicious/noExplicitAny: a user's package.json, any JSON at all.
  data: Record<string, any>;
  indent: string;
  newline: boolean;
  text: string;
}

export function readPackageJson(dir: string): PackageJson | null {
  const file = path.join(dir, 'package.json');
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  return { file, data: JSON.parse(text) as PackageJson['data'], indent, newline: text.endsWith('\n'), text };
}

export function serialize(pkg: PackageJson): string {
  return JSON.stringify(pkg.data, null, pkg.indent) + (pkg.newline ? '\n' : '');
}

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export function detectPackageManager(dir: string): PackageManager {
  if (fs.existsSync(path.join(dir, 'pnpm-lock.yaml'))) return 'pnpm';
  if (fs.existsSync(path.join(dir, 'yarn.lock'))) return 'yarn';
  if (fs.existsSync(path.join(dir, 'bun.lockb')) || fs.existsSync(path.join(dir, 'bun.lock'))) return 'bun';
  return 'npm';
}

export function addDevCommand(pm: PackageManager, spec: string): string[] {
  return pm === 'npm' ? ['npm', 'install', '--save-dev', spec] : [pm, 'add', '-D', spec];
}

export function removeCommand(pm: PackageManager, name: string): string[] {
  return pm === 'npm' ? ['npm', 'uninstall', name] : [pm, 'remove', name];
}

export function hasDependency(pkg: PackageJson, name: string): boolean {
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => pkg.data[k]?.[name] !== undefined);
}

/** `husky` added to (or appended with && to) the prepare script; null when it already runs husky. */
export function withPrepare(prepare: string | undefined): string | null {
  if (!prepare) return 'husky';
  if (/(^|[\s;&|])husky(\s|$|[;&|])/.test(prepare)) return null;
  return `${prepare} && husky`;
}
