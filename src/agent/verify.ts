/**
 * SPEC §10 `verify`: every command line of VERIFY.md's fenced `sh`/`bash`/`shell` blocks is a
 * command gate `verify:<n>`. The file is read from the index (what the commit will hold), never
 * from the resolved config: the config cache keys only config files, so VERIFY.md's commands and
 * content (part of each gate's cache key) are read afresh on every run, in one git process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig, VerifyConfig } from '../config/types.js';
import type { Repo } from '../git/repo.js';
import type { Gate } from '../gates/gate.js';
import { commandGate } from '../gates/command.js';
import { git } from '../git/exec.js';
import { stagedLooseBlob } from '../git/loose.js';
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';

export interface VerifyCommand {
  /** 1-based, in file order: the gate is `verify:<n>`. */
  n: number;
  /** The line of VERIFY.md the command starts on. */
  line: number;
  command: string;
}

export interface VerifyFile {
  file: string;
  content: string;
  commands: VerifyCommand[];
}

const SHELLS = new Set(['sh', 'bash', 'shell', 'zsh', 'console']);

/**
 * The commands of fenced sh/bash/shell blocks (``` or ~~~, any length): blank lines and `#`
 * comments skipped, a line ending in `\` joined with the next, a leading `$ ` prompt dropped.
 */
export function parseVerifyCommands(text: string): VerifyCommand[] {
  const lines = text.split(/\r?\n/);
  const out: VerifyCommand[] = [];
  let fence: { marker: string; shell: boolean } | null = null;
  let pending: { line: number; parts: string[] } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!fence) {
      const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(raw);
      if (open) fence = { marker: open[1]!, shell: SHELLS.has(open[2]!.toLowerCase().replace(/^\{?\.?/, '').replace(/\}$/, '')) };
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(raw);
    if (close && close[1]![0] === fence.marker[0] && close[1]!.length >= fence.marker.length) {
      if (pending) out.push({ n: out.length + 1, line: pending.line, command: pending.parts.join(' ') });
      fence = null;
      pending = null;
      continue;
    }
    if (!fence.shell) continue;
    const text = raw.trim().replace(/^\$\s+/, '');
    if (!pending && (text === '' || text.startsWith('#'))) continue;
    const continued = /(^|[^\\])\\$/.test(text);
    const part = continued ? text.slice(0, -1).trim() : text;
    if (pending) pending.parts.push(part);
    else pending = { line: i + 1, parts: [part] };
    if (!continued) {
      if (pending.parts.join('').trim()) out.push({ n: out.length + 1, line: pending.line, command: pending.parts.filter(Boolean).join(' ') });
      pending = null;
    }
  }
  return out;
}

/** Where to read VERIFY.md: the index (a commit, check --staged), a commit (--base/--range), or the work tree. */
export type VerifySource = { kind: 'index' } | { kind: 'rev'; rev: string } | { kind: 'worktree' };

export async function readVerifyFile(repo: Repo, verify: VerifyConfig, source: VerifySource): Promise<VerifyFile> {
  const file = verify.file.replace(/^\.\//, '');
  let content: string | null;
  if (source.kind === 'worktree') {
    try {
      content = fs.readFileSync(path.join(repo.root, file), 'utf8');
    } catch {
      content = null;
    }
  } else {
    // On every commit: the index's blob from its loose object when it is one (git/loose.ts), else git.
    const loose = source.kind === 'index' ? stagedLooseBlob(repo, process.env, file) : null;
    if (loose) content = loose.toString('utf8');
    else {
      const spec = source.kind === 'index' ? `:${file}` : `${source.rev}:${file}`;
      const r = await git(['cat-file', 'blob', spec], { cwd: repo.root, allowFailure: true });
      content = r.code === 0 ? r.stdout.toString('utf8') : null;
    }
  }
  if (content === null) throw new SparkGuardError('config', messages.verifyMissing(file, source.kind), { keyPath: 'verify' });
  const commands = parseVerifyCommands(content);
  if (!commands.length) throw new SparkGuardError('config', messages.verifyEmpty(file), { keyPath: 'verify' });
  return { file, content, commands };
}

export function verifyGateId(n: number): string {
  return `verify:${n}`;
}

/** One command gate per command; `when` applies unless `everyCommand` (on-demand `spark-guard verify`). */
export function verifyGates(config: VerifyConfig, verify: VerifyFile, everyCommand = false): Gate[] {
  return verify.commands.map((c) =>
    commandGate(
      verifyGateId(c.n),
      { run: c.command, ...(config.when && !everyCommand ? { when: config.when } : {}), ...(config.timeout ? { timeout: config.timeout } : {}) },
      undefined,
      { cacheExtra: verify.content, advice: messages.verifyAdvice(verify.file, c.line) },
    ),
  );
}

/** The verify gates of a resolved config, or none when `verify` is off. */
export async function loadVerifyGates(repo: Repo, config: ResolvedConfig, source: VerifySource): Promise<Gate[]> {
  if (!config.verify) return [];
  return verifyGates(config.verify, await readVerifyFile(repo, config.verify, source));
}
