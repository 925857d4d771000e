export default {
  extends: ['@acme/spark-guard-preset'],
  gates: { test: 'npm test' },
};
