// Root config: commit-level settings (diff, commitMessage, review) for the whole repository, and the
// file rules for files outside any package that has its own config.
export default {
  extends: ['@acme/spark-guard-preset'],
};
