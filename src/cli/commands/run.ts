/** `spark-guard run <hook> [args]`: what the husky hook lines call. Each hook loads only its own path. */
import fs from 'node:fs';
import path from 'node:path';
import { SparkGuardError } from '../../errors.js';
import { debug } from '../../debug.js';
import { messages } from '../../messages.js';
import { findHookRepo, stateDir, type Repo } from '../../git/repo.js';
import type { Report } from '../../report/report.js';
import { HOOKS } from '../../install/hook-lines.js';
import { takePipedDiff } from '../../diff/piped.js';
import { isTerminal, writeFd } from '../../proc/fd.js';


export interface RunOptions {
  hook: string | undefined;
  args: string[];
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export async function runHook(options: RunOptions): Promise<number> {
  const { hook, env } = options;
  if (!hook || !(HOOKS as readonly string[]).includes(hook)) throw new SparkGuardError('usage', messages.unknownHook(hook ?? ''));
  if (env.SPARK_GUARD === '0') {
    writeFd(1, `${messages.disabled(hook)}\n`);
    return 0;
  }
  debug('time', `run ${hook}`);
  const piped = takePipedDiff(env); // read from the start: git writes while Node loads
  const repo = await findHookRepo(process.cwd(), env);
  if (hook === 'pre-commit') return preCommit(repo, options, piped);
  if (hook === 'commit-msg') return commitMsg(repo, options);
  const { attachPendingNote } = await import('../../report/store.js');
  await attachPendingNote(repo);
  return 0;
}

async function preCommit(repo: Repo, options: RunOptions, piped: Promise<Buffer | null> | null): Promise<number> {
  // git reads the staged change on the other core while Node loads the gates and the config: started
  // by the hook's shim before Node (piped), or here. The shim's git ran where the hook runs, which is
  // the top of the work tree; anywhere else its output is not used.
  const { readChange } = await import('../../diff/read.js');
  const change = readChange(repo, { kind: 'staged' }, piped && repo.root === process.cwd() ? piped : undefined);
  change.catch(() => undefined); // awaited, and reported, by the pipeline
  const { runPipeline } = await import('../../run/pipeline.js');
  debug('time', 'pipeline loaded');
  const { writeReport } = await import('../../report/store.js');
  const { stagedTree } = await import('../../git/snapshot.js');
  const { loadConfig } = await import('../../config/load.js');
  const { messageAhead, vouchForMessage } = await import('../../commit-msg/ahead.js');
  const { env } = options;
  const loaded = await loadConfig(repo.root, env, path.join(stateDir(repo), 'cache'));
  // `git commit -m`: the message is known now; it is judged with the cheap gates (see commit-msg/ahead.ts).
  const ahead = messageAhead();
  const report = await runPipeline({
    repo,
    env,
    loaded,
    signal: options.signal,
    live: isTerminal(2) && !env.CI,
    staged: { change },
    message: ahead?.message,
  });
  await print(report, 'pre-commit', env);
  debug('time', 'report printed');
  // Leave the judged message for the commit-msg hook, so that it need not start Node. After a long
  // run (a review, command gates) with the rules as they are now (1-3 ms, even cached).
  if (report.ok && !options.signal.aborted) {
    const current = !ahead || report.ms < 1000 ? loaded : await loadConfig(repo.root, env, path.join(stateDir(repo), 'cache')).catch(() => null);
    vouchForMessage(repo, ahead, current?.config.commitMessage ?? null, env);
    debug('time', 'message vouched for');
  }
  // A note waits only for a reviewed commit (the post-commit hook then starts Node); an
  // interrupted run leaves none: a later --no-verify commit must not get a "passed" one.
  const noteWaits = report.ok && report.review !== null && !options.signal.aborted;
  writeReport(repo, report, noteWaits ? await stagedTree(repo) : null);
  debug('time', 'report written');
  return report.ok ? 0 : 1;
}

async function commitMsg(repo: Repo, options: RunOptions): Promise<number> {
  const file = options.args[0];
  if (!file) throw new SparkGuardError('usage', messages.usage('run commit-msg needs the message file git passes to the hook.'));
  const full = path.resolve(process.cwd(), file);
  if (!fs.existsSync(full)) throw new SparkGuardError('usage', `the commit message file ${file} does not exist.`);
  const { checkCommitMessage } = await import('../../commit-msg/hook.js');
  const report = await checkCommitMessage(repo, full, options.env);
  if (!report) return 0;
  await print(report, 'commit-msg', options.env);
  if (!report.ok) (await import('../../report/store.js')).dropPendingNote(repo); // this commit will not happen
  return report.ok ? 0 : 1;
}

/** Written to fd 1 directly: a hook prints once, and process.stdout would cost the run 3–8 ms to create (proc/fd.ts). */
async function print(report: Report, title: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { renderHuman } = await import('../../report/human.js');
  const { makeStyle, useColor } = await import('../../report/style.js');
  writeFd(1, renderHuman(report, makeStyle(useColor({ isTTY: isTerminal(1) }, env)), title));
}
