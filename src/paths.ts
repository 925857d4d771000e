import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The installed spark-guard package's root folder (holds package.json, presets/, hooks/): one up
 * from this file's folder, src/ or dist/. The CommonJS bundle has __dirname (no URL parsing).
 */
export const packageRoot = path.resolve(typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url)), '..');
export const presetsDir = path.join(packageRoot, 'presets');
export const hooksDir = path.join(packageRoot, 'hooks');

let version: string | undefined;

/** This package's version, read once from its package.json ('unknown' if that cannot be read). */
export function packageVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      version = 'unknown';
    }
  }
  return version;
}
