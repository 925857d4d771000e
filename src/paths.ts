import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The installed spark-guard package's root folder (holds package.json, presets/, hooks/). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const presetsDir = path.join(packageRoot, 'presets');
export const hooksDir = path.join(packageRoot, 'hooks');
