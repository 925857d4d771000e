import type { Config } from './types.js';

/** The built-in base layer: SPEC §3's defaults. Presets and config files merge on top of it. */
export const defaults: Config = {
  diff: {
    maxLines: 150,
    maxFiles: 25,
    ignore: ['**/package-lock.json', '**/pnpm-lock.yaml', '**/yarn.lock', '**/bun.lock*', '**/*.snap'],
  },
  files: { allowCreate: true, allowDelete: true, protect: ['.env', '.env.*'], maxFileKb: 512 },
  banned: {},
  secrets: true,
  lintStaged: true,
  gates: {},
  commitMessage: { minLength: 10, maxSubjectLength: 72, conventional: false, banned: ['wip'] },
  review: {
    enabled: true,
    provider: 'openai',
    model: 'gpt-5.3-codex-spark',
    apiKeyEnv: 'OPENAI_API_KEY',
    api: 'responses',
    timeoutMs: 30000,
    firstByteMs: 5000,
    blockOn: 'error',
    onUnavailable: 'warn',
    maxDiffTokens: 16000,
    exclude: [],
    instructions: '',
  },
};

/** Used when a repository has no config file at all. */
export const IMPLICIT_PRESET = 'spark-guard/presets/recommended';

/** The browser gate's defaults (SPEC §11), filled in when a config has a `browser` object. */
export const BROWSER_DEFAULTS = {
  pages: ['/'],
  when: ['**/*.{html,htm,css,scss,sass,less,js,mjs,cjs,jsx,ts,tsx,vue,svelte,astro}'],
  startTimeoutMs: 30000,
  pageTimeoutMs: 30000,
  allowConsole: [] as string[],
};
