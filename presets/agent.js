// spark-guard's agent preset (SPEC §10), for the loop "read PLAN.md, do one item, run VERIFY.md,
// update PROGRESS.md, commit": recommended, plus VERIFY.md's commands as gates, the progress-log
// and one-plan-item rules for src/**, doc-drift checks that block, parallel worktrees that must not
// touch the same file, no new files without a human, and a review that blocks on warnings too.
export default {
  extends: 'spark-guard/presets/recommended',
  files: { allowCreate: false },
  verify: true,
  memory: { progress: 'PROGRESS.md', requireOnChange: ['src/**'], plan: 'PLAN.md', maxPlanItems: 1 },
  docs: true,
  overlap: 'error',
  review: { blockOn: 'warning' },
};
