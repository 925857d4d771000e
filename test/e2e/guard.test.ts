/**
 * `spark-guard guard` as agents call it: the installed bin as a real process, the call as JSON on
 * stdin (Claude Code / Codex PreToolUse) or `--command`; and the same command corpus as added lines
 * of a staged .sh file through a real commit, so both moments agree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { cleanEnv } from '../helpers/repo.js';
import { COMMAND_ONLY, GUARD_CASES } from '../fixtures/guard-commands.js';

interface Answer {
  code: number;
  stdout: string;
  stderr: string;
}

/** The installed bin, asynchronously, so a corpus runs a few processes at a time. */
function guard(dir: string, args: string[], input?: string, env: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(dir, 'node_modules', '.bin', 'spark-guard'), ['guard', ...args], { cwd: dir, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 128, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

const bash = (command: string) => JSON.stringify({ session_id: 's', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command, description: 'x' }, cwd: '' });

let repo: InstalledRepo;
beforeAll(() => {
  repo = installedRepo({ extends: 'spark-guard/presets/recommended', diff: { maxLines: false, maxFiles: false }, review: { enabled: false } }, { 'src/app.ts': 'export {};\n' });
});
afterAll(() => repo?.remove());

describe('guard: the command corpus as a real process', () => {
  it('the first call loads and caches the config, later calls answer from the cache (same verdicts)', async () => {
    const cache = path.join(repo.dir, '.git', 'spark-guard', 'cache');
    fs.rmSync(cache, { recursive: true, force: true });
    const first = await guard(repo.dir, ['--command', 'git checkout -- .']);
    expect(first.code).toBe(2);
    expect(fs.readdirSync(cache).some((f) => f.startsWith('config-'))).toBe(true);
    const again = await guard(repo.dir, ['--command', 'git checkout -- .']);
    expect(again).toEqual(first);
  });

  it('every line as PreToolUse JSON on stdin (every third also with --command): blocked = exit 2 with the rule, the part and the message; allowed = exit 0, silent', async () => {
    // One process per call, as agents run it (a third of the lines twice, to keep the suite quick on 2 cores).
    const runs = await pool(GUARD_CASES, 4, async ([command]) => [await guard(repo.dir, [], bash(command))]);
    await pool([...GUARD_CASES.keys()].filter((i) => i % 3 === 0), 4, async (i) => runs[i]!.push(await guard(repo.dir, ['--command', GUARD_CASES[i]![0]])));
    const wrong: string[] = [];
    for (const [i, [command, rule]] of GUARD_CASES.entries()) {
      for (const answer of runs[i]!) {
        const ok = rule
          ? answer.code === 2 && answer.stderr.includes(`blocked by banned.${rule}`) && answer.stdout === ''
          : answer.code === 0 && answer.stdout === '' && answer.stderr === '';
        if (!ok) wrong.push(`${JSON.stringify(command)} → ${answer.code} ${answer.stderr}`);
      }
    }
    expect(wrong).toEqual([]);
    const blocked = runs[GUARD_CASES.findIndex(([c]) => c === 'sudo -E env X=1 rm -rf /')]![0]!;
    expect(blocked.stderr).toContain('sudo -E env X=1 rm -rf /');
    expect(blocked.stderr).toContain('Name the exact folder');
  });

  it('the same lines added to a staged .sh file: the commit blocks exactly the rules of scope diff/both, on their lines', () => {
    const blocking = GUARD_CASES.filter(([, r]) => r && !COMMAND_ONLY.has(r));
    const passing = GUARD_CASES.filter(([, r]) => !r || COMMAND_ONLY.has(r));
    const layout = (cases: typeof GUARD_CASES) => {
      const ranges: [number, number][] = [];
      const out: string[] = ['#!/bin/sh'];
      for (const [command] of cases) {
        out.push('');
        const start = out.length + 1;
        out.push(...command.split('\n'));
        ranges.push([start, out.length]);
      }
      return { text: `${out.join('\n')}\n`, ranges };
    };
    const ok = layout(passing);
    repo.write({ 'scripts/passing.sh': ok.text });
    repo.gitOk('add', 'scripts/passing.sh');
    const passed = repo.commit('add a script of commands that are fine to commit');
    expect(passed.code, passed.output).toBe(0);

    const bad = layout(blocking);
    repo.write({ 'scripts/blocking.sh': bad.text });
    repo.gitOk('add', 'scripts/blocking.sh');
    const check = repo.cli(['check', '--staged', '--json', '--only', 'banned']);
    const findings = (JSON.parse(check.stdout) as { gates: { name: string; findings: { line: number; rule: string }[] }[] }).gates.find((g) => g.name === 'banned')!.findings;
    const missed = blocking.filter(([, rule], i) => !findings.some((f) => f.rule === rule && f.line >= bad.ranges[i]![0] && f.line <= bad.ranges[i]![1]));
    expect(missed).toEqual([]);
    const blocked = repo.commit('add a script of commands that must not be committed');
    expect(blocked.code).toBe(1);
    expect(blocked.output).toContain('scripts/blocking.sh:');
    repo.gitOk('reset', '-q', 'scripts/blocking.sh');
  });
});

describe('guard: writes, patches, other tools, bad input', () => {
  let strict: InstalledRepo;
  let outside: string;
  beforeAll(async () => {
    strict = installedRepo({ extends: 'spark-guard/presets/recommended', files: { allowCreate: false, protect: ['.env', 'secrets/**'] } }, { 'src/app.ts': 'export {};\n', 'secrets/keep.txt': 'x\n' });
    outside = fs.mkdtempSync(path.join(fs.realpathSync(os.homedir()), '.spark-guard-outside-'));
    // The first call loads the config (and runs the ReDoS check in a worker): once, before calls in parallel.
    expect((await guard(strict.dir, ['--command', 'true'])).code).toBe(0);
  });
  afterAll(() => {
    strict?.remove();
    fs.rmSync(outside, { recursive: true, force: true });
  });
  const write = (file: string, cwd?: string, tool = 'Write') => JSON.stringify({ tool_name: tool, tool_input: { file_path: file, content: 'x' }, ...(cwd ? { cwd } : {}) });

  it('Write/Edit/MultiEdit: allowCreate, protect, .., symlinks, outside the repo, the temp folder', async () => {
    fs.symlinkSync(outside, path.join(strict.dir, 'link-out'));
    fs.symlinkSync(path.join(strict.dir, '.env'), path.join(strict.dir, 'src', 'env-link'));
    const cases: [string, string | null][] = [
      [write('src/app.ts'), null],
      [write(path.join(strict.dir, 'src/app.ts'), undefined, 'Edit'), null],
      [write('src/new.ts'), 'files.allowCreate'],
      [write('.env', undefined, 'MultiEdit'), 'files.protect'],
      [write('secrets/keep.txt', undefined, 'Edit'), 'files.protect'],
      [write('../../app.ts', path.join(strict.dir, 'src', 'nested')), 'files.allowCreate'],
      [write('../.env', path.join(strict.dir, 'src')), 'files.protect'],
      [write('src/env-link'), 'files.protect'],
      [write('link-out/x.txt'), 'outside-repo'],
      [write('/etc/hosts'), 'outside-repo'],
      [write(path.join(outside, 'x.txt')), 'outside-repo'],
      [write(path.join(os.tmpdir(), 'scratch.txt')), null],
      [write('.git/hooks/pre-commit'), 'files.protect'],
    ];
    const answers = await pool(cases, 4, ([input]) => guard(strict.dir, [], input));
    const wrong = cases
      .map(([input, rule], i) => ({ input, rule, answer: answers[i]! }))
      .filter(({ rule, answer }) => (rule ? !(answer.code === 2 && answer.stderr.includes(`blocked by ${rule}`)) : answer.code !== 0 || answer.stderr !== ''));
    expect(wrong).toEqual([]);
  });

  it("Codex apply_patch: added, updated, moved and deleted files against files; added lines against diff rules and secrets", async () => {
    const patch = (body: string) => JSON.stringify({ tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n${body}\n*** End Patch\n` } });
    const token = `ghp_${'A1b2C3d4E5'.repeat(3)}${'x9Y8'.repeat(2)}`.slice(0, 40);
    const cases: [string, string | null][] = [
      [patch('*** Update File: src/app.ts\n@@\n-export {};\n+export const a = 1;'), null],
      [patch('*** Add File: src/new.ts\n+export {};'), 'files.allowCreate'],
      [patch('*** Update File: .env\n@@\n+X=1'), 'files.protect'],
      [patch('*** Delete File: secrets/keep.txt'), 'files.protect'],
      [patch('*** Update File: src/app.ts\n*** Move to: src/other.ts\n@@\n+x'), 'files.allowCreate'],
      [patch('*** Update File: scripts/x.sh\n@@\n+rm -rf "$TARGET"'), 'banned.rm-rf'],
      [patch('*** Update File: scripts/x.sh\n@@\n+echo "rm -rf /"'), null],
      [patch('*** Update File: scripts/x.sh\n@@\n+git checkout -- .'), null],
      [patch(`*** Update File: src/app.ts\n@@\n+const token = "${token}";`), 'secrets'],
      [JSON.stringify({ tool_name: 'apply_patch', tool_input: { command: '*** Update File: src/app.ts\n+x' } }), 'Begin Patch'],
    ];
    const answers = await pool(cases, 4, ([input]) => guard(strict.dir, [], input));
    for (const [i, [input, rule]] of cases.entries()) {
      const a = answers[i]!;
      if (rule) {
        expect(a.code, input).toBe(2);
        expect(a.stderr, input).toContain(rule);
        expect(a.stderr).not.toContain(token);
      } else expect([a.code, a.stderr], input).toEqual([0, '']);
    }
  });

  it('other tools pass silently; malformed input blocks with a clear message (fail closed)', async () => {
    const cases: [string[], string | undefined, number, RegExp | null][] = [
      [[], JSON.stringify({ tool_name: 'Read', tool_input: { file_path: '.env' } }), 0, null],
      [[], JSON.stringify({ tool_name: 'Grep', tool_input: { pattern: 'rm -rf /' } }), 0, null],
      [[], '', 2, /no input/],
      [[], 'rm -rf /', 2, /not JSON/],
      [[], '[1,2]', 2, /not a JSON object/],
      [[], JSON.stringify({ tool_input: { command: 'ls' } }), 2, /no "tool_name"/],
      [[], JSON.stringify({ tool_name: 'Bash', tool_input: {} }), 2, /tool_input\.command is missing/],
      [[], JSON.stringify({ tool_name: 'Write', tool_input: { file_path: 3 } }), 2, /file_path is not a string/],
      [['--command'], undefined, 2, /needs the shell command/],
      [['--bogus'], undefined, 2, /unknown argument/],
    ];
    const answers = await pool(cases, 4, ([args, input]) => guard(strict.dir, args, input));
    for (const [i, [args, input, code, message]] of cases.entries()) {
      const a = answers[i]!;
      expect(a.code, `${args.join(' ')} ${input}`).toBe(code);
      if (message) expect(a.stderr).toMatch(message);
      else expect(a.stderr + a.stdout).toBe('');
      expect(a.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});

describe('install --agent claude|codex', () => {
  it('merges the hook into existing settings, is idempotent, and uninstall removes exactly that entry', () => {
    const project = createProject({ 'README.md': '# x\n' });
    try {
      const settings = path.join(project.dir, '.claude', 'settings.json');
      const theirs = { permissions: { allow: ['Bash(npm test)'] }, hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './audit.sh' }] }], Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }] } };
      fs.mkdirSync(path.dirname(settings));
      fs.writeFileSync(settings, `${JSON.stringify(theirs, null, 2)}\n`);
      const first = project.cli(['install', '--agent', 'claude']);
      expect(first.code, first.output).toBe(0);
      // What it says to try works from the project's shell (spark-guard is not on PATH there), and it says nothing of Codex.
      const tryIt = /Try it: (.+?) \(exit 2/.exec(first.stdout)?.[1] ?? '';
      expect(spawnShell(tryIt, project.dir, '').code, first.stdout).toBe(2);
      expect(first.stdout).not.toContain('Codex');
      const merged = JSON.parse(fs.readFileSync(settings, 'utf8'));
      expect(merged.permissions).toEqual(theirs.permissions);
      expect(merged.hooks.Stop).toEqual(theirs.hooks.Stop);
      expect(merged.hooks.PreToolUse).toEqual([...theirs.hooks.PreToolUse, { matcher: 'Bash|Write|Edit|MultiEdit', hooks: [{ type: 'command', command: 'node_modules/.bin/spark-guard guard' }] }]);
      const bytes = fs.readFileSync(settings, 'utf8');
      const second = project.cli(['install', '--agent', 'claude']);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('already');
      expect(fs.readFileSync(settings, 'utf8')).toBe(bytes);

      // The hook command works from the project's folder, as Claude Code runs it.
      const hook = merged.hooks.PreToolUse[1].hooks[0].command as string;
      const viaHook = spawnShell(hook, project.dir, bash('git stash clear'));
      expect(viaHook.code).toBe(2);
      expect(viaHook.stderr).toContain('banned.git-discard');

      const removed = project.cli(['uninstall', '--agent', 'claude']);
      expect(removed.code, removed.output).toBe(0);
      expect(JSON.parse(fs.readFileSync(settings, 'utf8'))).toEqual(theirs);
      expect(project.cli(['uninstall', '--agent', 'claude']).stdout).toContain('nothing to remove');
    } finally {
      project.remove();
    }
  });

  it('codex: creates .codex/hooks.json, and uninstall removes the file it created', () => {
    const project = createProject({ 'README.md': '# x\n' });
    try {
      const file = path.join(project.dir, '.codex', 'hooks.json');
      expect(project.cli(['install', '--agent', 'codex', '--dry-run']).stdout).toContain('would create .codex/hooks.json');
      expect(fs.existsSync(file)).toBe(false);
      const installed = project.cli(['install', '--agent', 'codex']);
      expect(installed.code, installed.output).toBe(0);
      expect(installed.stdout).toContain('once you trust it');
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ hooks: { PreToolUse: [{ matcher: 'Bash|apply_patch', hooks: [{ type: 'command', command: 'node_modules/.bin/spark-guard guard' }] }] } });
      expect(project.cli(['uninstall', '--agent', 'codex']).code).toBe(0);
      expect(fs.existsSync(file)).toBe(false);
      const unknown = project.cli(['install', '--agent', 'cursor']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown agent');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '{ not json');
      const broken = project.cli(['install', '--agent', 'codex']);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain('cannot be read as JSON');
      expect(fs.readFileSync(file, 'utf8')).toBe('{ not json');
    } finally {
      project.remove();
    }
  });
});

describe('a plain uninstall', () => {
  it("removes the agents' guard hooks with the git hooks (SPEC §12), keeping the rest of their settings", () => {
    const project = createProject({ '.spark-guardrc.json': '{}', 'README.md': '# x\n' });
    try {
      const claude = path.join(project.dir, '.claude', 'settings.json');
      const codex = path.join(project.dir, '.codex', 'hooks.json');
      const theirs = { permissions: { allow: ['Bash(npm test)'] } };
      fs.mkdirSync(path.dirname(claude));
      fs.writeFileSync(claude, `${JSON.stringify(theirs, null, 2)}\n`);
      for (const args of [['install', '--no-save'], ['install', '--agent', 'claude'], ['install', '--agent', 'codex']]) {
        const r = project.cli(args);
        expect(r.code, r.output).toBe(0);
      }
      expect(fs.readFileSync(claude, 'utf8')).toContain('spark-guard guard');
      expect(fs.existsSync(codex)).toBe(true);

      const dry = project.cli(['uninstall', '--dry-run']);
      expect(dry.code, dry.output).toBe(0);
      expect(dry.stdout).toContain('remove the spark-guard guard hook from .claude/settings.json');
      expect(dry.stdout).toContain('remove .codex/hooks.json');
      expect(fs.readFileSync(claude, 'utf8')).toContain('spark-guard guard');

      const removed = project.cli(['uninstall']);
      expect(removed.code, removed.output).toBe(0);
      expect(JSON.parse(fs.readFileSync(claude, 'utf8'))).toEqual(theirs);
      expect(fs.existsSync(codex)).toBe(false);
      expect(fs.existsSync(path.join(project.dir, '.husky', 'pre-commit'))).toBe(false);
    } finally {
      project.remove();
    }
  });

  it('notes a settings file it cannot read and removes the rest', () => {
    const project = createProject({ '.spark-guardrc.json': '{}', 'README.md': '# x\n' });
    try {
      expect(project.cli(['install', '--no-save']).code).toBe(0);
      const claude = path.join(project.dir, '.claude', 'settings.json');
      fs.mkdirSync(path.dirname(claude));
      fs.writeFileSync(claude, '{ not json');
      const removed = project.cli(['uninstall']);
      expect(removed.code, removed.output).toBe(0);
      expect(removed.stdout).toContain('.claude/settings.json cannot be read as JSON settings');
      expect(removed.stdout).toContain('spark-guard uninstall --agent claude');
      expect(fs.readFileSync(claude, 'utf8')).toBe('{ not json');
      expect(fs.existsSync(path.join(project.dir, '.husky', 'pre-commit'))).toBe(false);
    } finally {
      project.remove();
    }
  });
});

function spawnShell(command: string, cwd: string, input: string): { code: number; stderr: string } {
  const r = spawnSync('sh', ['-c', command], { cwd, env: cleanEnv(), input, encoding: 'utf8' });
  return { code: r.status ?? 128, stderr: r.stderr };
}
