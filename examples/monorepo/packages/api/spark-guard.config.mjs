// Applies to staged files below packages/api/. Its gates run with packages/api/ as the working
// directory, only when a file below it is staged.
export default {
  extends: ['@acme/spark-guard-preset'],
  banned: {
    'no-console': { pattern: 'console\\.log\\(', files: ['src/**'], message: 'Use the request logger in the API.' },
  },
  gates: { test: 'npm test' },
};
