/**
 * Gate 5, `lint`: lint-staged, before the command gates so that they judge the fixed content. Its
 * backup stash is off (it lives in the stash list every worktree shares); its own hiding of
 * partially staged changes stays on, and src/lint/ puts them back whenever lint-staged does not.
 */
import { messages } from '../messages.js';
import { lintConfigured } from '../lint/config.js';
import type { Gate } from './gate.js';

export const lintGate: Gate = {
  id: 'lint',
  phase: 'serial',
  changesFiles: true,
  stagedOnly: true,
  applies(ctx) {
    const setting = ctx.config.lintStaged;
    if (setting === false) return 'lintStaged: false';
    if (!ctx.workspace) return messages.commandGateNeedsStaged();
    if (!lintConfigured(setting, ctx.repo.root)) return messages.lintNoConfig();
    if (ctx.fix === false) return messages.lintNeedsFix();
    return ctx.change.files.length ? true : 'no staged files';
  },
  async run(ctx, signal) {
    const setting = ctx.config.lintStaged;
    if (setting === false) return { status: 'skip', message: 'lintStaged: false' };
    const [{ recoverLeftoverPatch }, { acquireLintLock, LINT_TIMEOUT_S, releaseLintLock, runLintStaged }] = await Promise.all([import('../lint/recover.js'), import('../lint/run.js')]);
    const holder = acquireLintLock(ctx.repo); // before recovering: doctor must not race it
    if (holder !== null) return { status: 'fail', message: messages.lintBusy(holder), details: messages.lintBusyHow() };
    try {
      // Edits an interrupted run (SIGKILL) set aside: back in the work tree, but git has already
      // built this commit's index without them, so this commit stops and the user looks first.
      const recovered = await recoverLeftoverPatch(ctx.repo);
      if (recovered) return { status: 'fail', message: messages.lintRecoveredFirst(), details: recovered };
      const outcome = await runLintStaged(ctx.repo, setting, ctx.env, signal);
      if (outcome.passed) return { status: 'pass', message: '' };
      return { status: 'fail', message: outcome.timedOut ? messages.lintTimedOut(LINT_TIMEOUT_S) : messages.lintFailed(), details: outcome.output };
    } finally {
      releaseLintLock(ctx.repo);
    }
  },
};
