// spark-guard's own repository commits through spark-guard (AGENTS.md, "This repository's hooks").
// The preset comes from this work tree, not from an installed package: a change to it is judged by itself.
import recommended from './presets/recommended.js';

// diff.ignore replaces the preset's list (arrays replace): its entries, and the bench's machine-written figures.
const ignore = ['**/package-lock.json', '**/pnpm-lock.yaml', '**/yarn.lock', '**/bun.lock*', '**/*.snap', 'bench/results/**'];

// The banned rules' own definitions (presets/) and their tests (test/) name every banned command on
// purpose, as data: the rules apply everywhere else, docs included (mark a deliberate mention with
// `spark-guard-allow <id>`). A rule limited to some files keeps its limit, less those two folders.
const outsideRuleData = (glob) => glob.replace(/^\*\*\//, '{!(presets|test)/**/,}');
const banned = Object.fromEntries(
  Object.entries(recommended.banned).map(([id, rule]) => [
    id,
    rule && { ...rule, files: rule.files ? rule.files.map(outsideRuleData) : ['!{presets,test}/**'] },
  ]),
);

export default {
  extends: ['./presets/recommended.js'],
  // 9 in 10 of this repository's commits change at most ~600 lines, tests and docs included.
  diff: { maxLines: 600, maxFiles: 25, ignore },
  banned,
  // Fixtures are test data. The ones in test/fixtures/secrets/ordinary/ must pass the detector, and
  // test/unit/secrets/detect.test.ts checks exactly that; elsewhere tests generate fake credentials at
  // run time (test/helpers/credentials.ts), so the rest of test/ is scanned like src/.
  secrets: { ignore: ['test/fixtures/**'] },
  // examples/monorepo is a project of its own: its configs extend a preset package not installed here.
  ignoreConfigs: ['examples/**'],
  // Biome on the staged files: lint-staged.config.mjs.
  lintStaged: true,
  gates: {
    types: {
      run: 'npm run -s typecheck',
      when: ['src/**', 'test/**', 'bench/**/*.ts', 'vitest.config.ts', 'tsconfig*.json'],
      timeout: 300,
    },
    // The unit tests related to the staged files (vitest follows their imports); the whole suite and
    // the e2e suite (a packed tarball, real installs) belong in CI. A test's timeout is there to catch a
    // hang: here it shares the cores with tsc, so 60 s instead of vitest.config.ts's 10 s.
    test: {
      run: 'npx vitest related --run --project unit --passWithNoTests --testTimeout=60000 {files}',
      when: ['src/**', 'test/unit/**', 'test/helpers/**', 'presets/**', 'vitest.config.ts'],
      timeout: 300,
    },
  },
  // Subjects here say what changed and why, in one line: longer than git's 72 columns, shorter than 120.
  commitMessage: { maxSubjectLength: 120 },
};
