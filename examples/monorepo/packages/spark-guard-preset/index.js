// The team's shared preset: the root and every package extend it.
export default {
  extends: 'spark-guard/presets/recommended',
  diff: { maxLines: 200 },
  banned: {
    'no-only': { pattern: '\\b(describe|it|test)\\.only\\(', message: 'A focused test silently skips the rest of the suite.' },
  },
};
