/**
 * Packs the package once per run (the build already ran in `npm test`) and installs the tarball,
 * the way a user does, into a template project whose node_modules every e2e repo links to.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';

const projectRoot = path.resolve(import.meta.dirname, '../..');

export default function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'spark-guard-e2e-'));
  const env = { ...process.env, npm_config_loglevel: 'error', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: projectRoot, env, encoding: 'utf8' });
  const tarball = path.join(work, (JSON.parse(out) as { filename: string }[])[0]!.filename);
  const template = path.join(work, 'template');
  fs.mkdirSync(template);
  fs.writeFileSync(path.join(template, 'package.json'), JSON.stringify({ name: 'template', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-package-lock', '--save-dev', tarball], { cwd: template, env, stdio: 'pipe' });
  project.provide('tarball', tarball);
  project.provide('templateModules', path.join(template, 'node_modules'));
  project.provide('workDir', work);
  return () => fs.rmSync(work, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    tarball: string;
    templateModules: string;
    workDir: string;
  }
}
