/** Every user-facing sentence, as small functions of their variable parts. Tests import these. */
import type { SchemaIssue } from './config/schema.js';

const bullet = (lines: string[]) => lines.map((l) => `  - ${l}`).join('\n');

export const messages = {
  notARepo: (cwd: string) =>
    `not a git repository: ${cwd} (nor any parent folder) is not inside a git work tree.\n` +
    `Run spark-guard inside your project's repository, or create one first with \`git init\`.`,
  gitMissing: () => 'git was not found on PATH. Install git (2.30 or later) and try again.',
  gitFailed: (args: string, stderr: string) => `git ${args} failed: ${stderr.trim() || 'no output'}`,

  invalidConfig: (file: string, issues: SchemaIssue[]) =>
    `invalid configuration in ${file}:\n` +
    bullet(issues.map((i) => `${i.keyPath}: expected ${i.expected}, got ${i.actual}`)) +
    `\nFix the key${issues.length > 1 ? 's' : ''} above (see README → Configuration for every key and its default).`,
  configUnreadable: (file: string, reason: string) =>
    `could not load the configuration ${file}: ${reason}\nFix the syntax error, or run \`spark-guard config\` to see which file is read.`,
  configNotObject: (file: string, got: string) =>
    `the configuration ${file} must export an object (got ${got}). Example: export default { extends: ['spark-guard/presets/recommended'] }`,
  configEnvMissing: (value: string) =>
    `SPARK_GUARD_CONFIG names ${value}, which does not exist. Point it at a config file, or unset it to use discovery.`,
  unknownPreset: (spec: string, known: string[]) =>
    `unknown preset '${spec}'. spark-guard ships: ${known.map((k) => `spark-guard/presets/${k}`).join(', ')}.`,
  missingExtendsFile: (spec: string, resolved: string) =>
    `extends '${spec}': no file at ${resolved} (tried .js, .mjs, .cjs, .json, .ts, .yaml). Check the relative path; it is resolved from the extending file's folder.`,
  missingExtendsPackage: (spec: string, pkg: string) =>
    `extends '${spec}': the package ${pkg} is not installed. Install it (npm i -D ${pkg}) or fix the name.`,
  extendsCycle: (chain: string[]) => `extends cycle: ${chain.join(' → ')}. Remove one of these extends entries.`,

  usage: (detail: string) => `${detail}\nRun \`spark-guard --help\` for usage.`,
  unknownCommand: (name: string) => `unknown command '${name}'.`,
  unknownHook: (name: string) => `unknown hook '${name}': expected pre-commit, commit-msg or post-commit.`,
  notYetAvailable: (name: string) =>
    `\`spark-guard ${name}\` is not available in this version yet. See README → Roadmap for what ships when.`,
  internalError: (message: string) => `internal error: ${message}\nRe-run with DEBUG=spark-guard for details, and report it if it persists.`,
  interrupted: (signal: string) => `interrupted (${signal}): nothing was changed.`,

  disabled: (hook: string) => `spark-guard: SPARK_GUARD=0, ${hook} checks skipped.`,
  skippedByEnv: (names: string[], source: string) =>
    `skipping ${names.join(', ')} because ${source} asks to; this is recorded in the report. CI should still run \`spark-guard check\`.`,
  unknownSkip: (names: string[], known: string[]) =>
    `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not a gate (known: ${known.join(', ')}); ignoring.`,
  nothingToCheck: () => 'nothing to check: no gate applies to this change.',
  notRunBecause: (blocker: string) => `not run: ${blocker} blocked first`,

  installHuskyFailed: (reason: string) => `husky could not wire the hooks: ${reason}`,
  installHuskyDisabled: () => 'HUSKY=0 is set, so husky left core.hooksPath alone; unset it and run `spark-guard install` again.',
};

export type Messages = typeof messages;
