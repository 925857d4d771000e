/** install and uninstall plan their changes as actions, then print them (--dry-run) or apply them in order. */
export interface Action {
  describe: string;
  apply: () => Promise<void> | void;
}

export interface Outcome {
  /** Said when there is nothing to do. */
  nothing: string;
  /** Run after every action applied (not on a dry run), e.g. to save the state. */
  done: () => void;
  /** Said after that. */
  finished: string;
}

export async function applyActions(actions: readonly Action[], options: { dryRun?: boolean; out: (line: string) => void }, outcome: Outcome): Promise<number> {
  if (actions.length === 0) {
    options.out(outcome.nothing);
    return 0;
  }
  for (const action of actions) {
    if (options.dryRun) {
      options.out(`would ${action.describe}`);
      continue;
    }
    await action.apply();
    options.out(`✓ ${action.describe}`);
  }
  if (options.dryRun) {
    options.out('dry run: nothing was changed.');
  } else {
    outcome.done();
    options.out(outcome.finished);
  }
  return 0;
}
