/** `spark-guard run <hook> [args]`: what the husky hook lines call. */
import fs from 'node:fs';
import path from 'node:path';
import { SparkGuardError } from '../../errors.js';
import { messages } from '../../messages.js';
import { findRepo, type Repo } from '../../git/repo.js';
import { runPipeline } from '../../run/pipeline.js';
import { renderHuman } from '../../report/human.js';
import { makeStyle, useColor } from '../../report/style.js';
import { cleanMessage } from '../../gates/message.js';
import { messageGate } from '../../gates/range.js';
import type { Report } from '../../report/report.js';
import { attachPendingNote, dropPendingNote, writeReport } from '../../report/store.js';
import { stagedTree } from '../../git/snapshot.js';

const HOOKS = ['pre-commit', 'commit-msg', 'post-commit'];

export interface RunOptions {
  hook: string | undefined;
  args: string[];
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export async function runHook(options: RunOptions): Promise<number> {
  const { hook, env } = options;
  if (!hook || !HOOKS.includes(hook)) throw new SparkGuardError('usage', messages.unknownHook(hook ?? ''));
  if (env.SPARK_GUARD === '0') {
    process.stdout.write(`${messages.disabled(hook)}\n`);
    return 0;
  }
  const repo = await findRepo(process.cwd());
  if (hook === 'pre-commit') {
    const report = await runPipeline({ repo, env, signal: options.signal, live: Boolean(process.stderr.isTTY) && !env.CI });
    print(report, 'pre-commit', env);
    // An interrupted run leaves no note waiting: a later --no-verify commit must not get a "passed" one.
    writeReport(repo, report, report.ok && !options.signal.aborted ? await stagedTree(repo) : null);
    return report.ok ? 0 : 1;
  }
  if (hook === 'commit-msg') return commitMsg(repo, options);
  await attachPendingNote(repo);
  return 0;
}

async function commitMsg(repo: Repo, options: RunOptions): Promise<number> {
  const file = options.args[0];
  if (!file) throw new SparkGuardError('usage', messages.usage('run commit-msg needs the message file git passes to the hook.'));
  const full = path.resolve(process.cwd(), file);
  if (!fs.existsSync(full)) throw new SparkGuardError('usage', `the commit message file ${file} does not exist.`);
  const message = cleanMessage(fs.readFileSync(full, 'utf8'));
  const merge = fs.existsSync(path.join(repo.gitDir, 'MERGE_HEAD'));
  const report = await runPipeline({ repo, env: options.env, signal: options.signal, live: false, gates: [messageGate(message, merge)] });
  // A passing message prints nothing: the pre-commit report already said everything.
  if (!report.ok || report.warnings.length) print(report, 'commit-msg', options.env);
  if (!report.ok) dropPendingNote(repo); // this commit will not happen
  return report.ok ? 0 : 1;
}

function print(report: Report, title: string, env: NodeJS.ProcessEnv): void {
  process.stdout.write(renderHuman(report, makeStyle(useColor(process.stdout, env)), title));
}
