// spark-guard's strict preset: small commits that only change existing files, and a review that
// blocks on warnings too. Builds on the recommended preset.
export default {
  extends: 'spark-guard/presets/recommended',
  diff: { maxLines: 30 },
  files: { allowCreate: false, allowDelete: false },
  review: { blockOn: 'warning' },
};
