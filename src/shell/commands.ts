/**
 * What a shell command line would execute: every simple command, normalised, found by walking the
 * AST of unbash (a maintained, dependency-free bash parser) through chains, pipelines, subshells,
 * groups, loops, `$(…)`, backticks, `<(…)`, here-docs read by a shell, and the command strings of
 * `bash -c`, `eval`, `trap`, `su -c`, `ssh host …`, `xargs`, `find -exec`. Wrappers that run the
 * next word (`sudo`, `env X=1`, `nice`, `time`, `command`, `exec`, `nohup`, `timeout`, `xargs`, …)
 * and paths (`/bin/rm`) are stripped, so `program` is what runs. Arguments that are only data
 * (`echo "rm -rf /"`) stay arguments.
 */
import { parse } from 'unbash';
import type { Command, ParsedScript, Word, WordPart, SyntaxNode, Redirection } from 'unbash';
import { forEachChild } from 'unbash';

import { GUARDED, SUBSTITUTED, UNKNOWN } from './markers.js';

export interface Executed {
  /** The program's name without its folder (`rm` for `/bin/rm`). */
  program: string;
  /** The arguments after the program: quotes removed, known variables filled in. */
  args: string[];
  /** Per argument, its shape: literal text, with UNKNOWN / GUARDED / SUBSTITUTED for expansions. */
  shapes: string[];
  /** The source text of the command, for messages. */
  text: string;
  /** Where the command starts in the line or script given to walk() (a nested command: its outer command's start). */
  at: number;
  /** Commands whose output this one reads as input or code: earlier pipeline stages, substitutions in its words. */
  feeders: Executed[];
  /** What it prints when that is known from its words: echo / printf's text, cat's here-doc. */
  output?: string;
}

export interface Walked {
  commands: Executed[];
  /** Parse errors anywhere (the tree is then best-effort: unbash recovers). */
  errors: number;
}

const MAX_DEPTH = 6;
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'busybox']);

/** Parses `source` and returns every command it would execute. */
export function walk(source: string): Walked {
  const out: Walked = { commands: [], errors: 0 };
  walkSource(source, out, 0, new Map(), undefined);
  return out;
}

function walkSource(source: string, out: Walked, depth: number, vars: Map<string, string>, origin: number | undefined): Executed[] {
  if (depth > MAX_DEPTH) {
    out.errors++;
    return [];
  }
  let script: ParsedScript;
  try {
    // A fragment that starts with an operator (`&& git reset --hard`) is judged as what follows it.
    script = parse(source.replace(/^\s*(?:&&|\|\||\|&|[|&;])/, (op) => ' '.repeat(op.length)));
  } catch {
    out.errors++;
    return [];
  }
  const found: Executed[] = [];
  visit(script, script.source ?? source, out, depth, vars, found, origin);
  return found;
}

/** Walks a node; the commands found are pushed to `found` (and to `out.commands`). */
function visit(node: SyntaxNode, source: string, out: Walked, depth: number, vars: Map<string, string>, found: Executed[], origin: number | undefined): void {
  if (node.type === 'Script' && (node as ParsedScript).errors?.length) out.errors += (node as ParsedScript).errors!.length;
  if (node.type === 'Pipeline') {
    const upstream: Executed[] = [];
    for (const stage of node.commands) {
      const own: Executed[] = [];
      visit(stage, source, out, depth, vars, own, origin);
      for (const c of own) c.feeders.push(...upstream);
      // `echo '…' | sh`, `cat <<EOF … | bash`: the shell runs the text.
      for (const c of own) if (isShellReadingStdin(c)) for (const u of upstream) if (u.output !== undefined) found.push(...walkSource(u.output, out, depth + 1, vars, c.at));
      upstream.push(...own);
      found.push(...own);
    }
    return;
  }
  if (node.type === 'Command') {
    found.push(...command(node, source, out, depth, vars, origin));
    return;
  }
  forEachChild(node, (child) => visit(child, source, out, depth, vars, found, origin));
}

function command(node: Command, source: string, out: Walked, depth: number, vars: Map<string, string>, origin: number | undefined): Executed[] {
  const found: Executed[] = [];
  // Substitutions anywhere in the command run first: their commands feed this one.
  const nested: Executed[] = [];
  forEachChild(node, (child) => {
    if (child.type !== 'Word' || child !== node.name) visit(child, source, out, depth, vars, nested, origin);
  });
  if (node.name) visit(node.name, source, out, depth, vars, nested, origin);
  found.push(...nested);
  if (!node.name) {
    // `X=rm` alone: remember it for `$X -rf /` later in the same script.
    for (const p of node.prefix) if (p.type === 'Assignment' && p.value.type === 'Word') setVar(vars, p.name, p.value);
    return found;
  }
  const words: Word[] = [node.name, ...node.suffix.filter((s): s is Word => s.type === 'Word')];
  const resolved = words.flatMap((w, i) => resolveWord(w, vars, i === 0));
  if (resolved.length === 0) return found;
  const args = resolved.map((r) => r.value);
  const shapes = resolved.map((r) => r.shape);
  const text = source.slice(node.pos, node.end);
  if (args[0] === 'export' || args[0] === 'declare' || args[0] === 'local' || args[0] === 'readonly') {
    for (const w of words.slice(1)) {
      const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(w.value);
      if (m) vars.set(m[1]!, m[2]!);
    }
  }
  const ran = run(args, shapes, text, origin ?? node.pos, nested, out, depth, vars, node.redirects);
  found.push(...ran);
  return found;
}

function setVar(vars: Map<string, string>, name: string, word: Word): void {
  const r = resolveWord(word, vars, false)[0];
  if (r && !r.shape.includes(UNKNOWN) && !r.shape.includes(SUBSTITUTED)) vars.set(name, r.value);
  else vars.delete(name);
}

interface Resolved {
  value: string;
  shape: string;
}

/** A word's value and shape; an unquoted known variable in command position splits into words. */
function resolveWord(word: Word, vars: Map<string, string>, split: boolean): Resolved[] {
  if (!word.parts) return [{ value: word.value, shape: word.value }];
  let value = '';
  let shape = '';
  let unquotedVar = false;
  const add = (parts: readonly WordPart[] | readonly { type: string }[], quoted: boolean) => {
    for (const part of parts as readonly WordPart[]) {
      switch (part.type) {
        case 'Literal':
        case 'SingleQuoted':
        case 'AnsiCQuoted':
          value += part.value;
          shape += part.value;
          break;
        case 'Glob':
          value += part.text;
          shape += part.text;
          break;
        case 'DoubleQuoted':
        case 'LocaleString':
          add(part.parts, true);
          break;
        case 'SimpleExpansion':
        case 'ParameterExpansion': {
          const name = part.type === 'SimpleExpansion' ? part.text.slice(1) : part.parameter;
          const op = part.type === 'ParameterExpansion' ? part.operation : undefined;
          const known = vars.get(name);
          if (known !== undefined && !op) {
            value += known;
            shape += known;
            if (!quoted) unquotedVar = true;
          } else {
            value += part.text;
            shape += op && op.type === 'Default' && (op.operator === ':?' || op.operator === '?') ? GUARDED : UNKNOWN;
          }
          break;
        }
        case 'CommandExpansion':
        case 'ArithmeticExpansion':
        case 'ProcessSubstitution':
          value += part.text;
          shape += SUBSTITUTED;
          break;
        default:
          value += part.text;
          shape += part.text;
      }
    }
  };
  add(word.parts, false);
  if (split && unquotedVar) {
    const values = value.split(/\s+/).filter(Boolean);
    return values.map((v) => ({ value: v, shape: v }));
  }
  return [{ value, shape }];
}

const basename = (word: string) => word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).replace(/\.exe$/i, '');

/** Options of a wrapper that take a value (the next word, or glued to a short one). */
const WRAPPERS: Record<string, { values: string[]; stopAt?: (args: string[], i: number) => boolean }> = {
  sudo: { values: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--role', '--type', '--other-user', '--close-from', '--chdir', '--command-timeout'] },
  doas: { values: ['-u', '-C'] },
  env: { values: ['-u', '-C', '-P', '--unset', '--chdir'] },
  nice: { values: ['-n', '--adjustment'] },
  ionice: { values: ['-c', '-n', '-t', '--class', '--classdata'] },
  time: { values: ['-f', '-o', '--format', '--output'] },
  command: { values: [] },
  exec: { values: ['-a'] },
  nohup: { values: [] },
  stdbuf: { values: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  timeout: { values: ['-s', '-k', '--signal', '--kill-after'] },
  chronic: { values: [] },
  builtin: { values: [] },
  unbuffer: { values: [] },
  caffeinate: { values: ['-t', '-w'] },
};

/** Skips a wrapper's options; returns the index of the wrapped command (or -1). */
function skipOptions(args: string[], start: number, values: string[], flags: string[] = []): number {
  let i = start;
  while (i < args.length) {
    const a = args[i]!;
    if (a === '--') return i + 1;
    if (flags.includes(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-') || a === '-') return i;
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (values.includes(name) && eq < 0) i += 2;
    else if (!a.startsWith('--') && a.length > 2 && values.includes(a.slice(0, 2))) i += 1;
    else i += 1;
  }
  return -1;
}

/** xargs' placeholder for its input: `-I X`, `-IX`, `-J X`, `-i` / `--replace` (`{}`), `--replace=X`. */
function replaceString(options: string[]): string | null {
  for (let k = 0; k < options.length; k++) {
    const o = options[k]!;
    if (o === '-I' || o === '-J') return options[k + 1] || null;
    if (/^-[IJ]./.test(o)) return o.slice(2);
    if (o === '-i' || o === '--replace' || o === '--replace=') return '{}';
    if (/^-i./.test(o)) return o.slice(2);
    if (o.startsWith('--replace=')) return o.slice('--replace='.length);
  }
  return null;
}

/**
 * GNU parallel / sem: a command and its inputs (after `:::`, or stdin); `{}` is the input, else it is
 * appended. Without a command, each input is a command line.
 */
function parallel(args: string[], _shapes: string[], i: number, text: string, at: number, feeders: Executed[], out: Walked, depth: number, vars: Map<string, string>): Executed[] {
  const start = skipOptions(args, i + 1, ['-j', '--jobs', '-S', '--sshlogin', '--results', '--joblog', '-a', '--arg-file', '-d', '--delimiter', '--tmpdir', '--workdir', '--timeout', '-n', '--max-args', '-N', '--id', '-I', '--colsep', '--memfree', '--load', '--delay', '--retries', '--tagstring', '--env'], ['-']);
  if (start < 0) return [];
  const sep = args.findIndex((a, j) => j >= start && (a === ':::' || a === '::::' || a === ':::+'));
  const command = args.slice(start, sep < 0 ? undefined : sep);
  const inputs = sep < 0 ? [UNKNOWN] : args.slice(sep + 1).filter((a) => !a.startsWith(':::'));
  if (command.length === 0) return inputs.flatMap((input) => walkSource(input, out, depth + 1, vars, at));
  const found: Executed[] = [];
  for (const input of inputs.length ? inputs : [UNKNOWN]) {
    const words = command.some((w) => w.includes('{}')) ? command.map((w) => w.split('{}').join(input)) : [...command, input];
    found.push(...run(words, words, text, at, feeders, out, depth + 1, vars, []));
  }
  return found;
}

function run(
  args: string[],
  shapes: string[],
  text: string,
  at: number,
  feeders: Executed[],
  out: Walked,
  depth: number,
  vars: Map<string, string>,
  redirects: readonly Redirection[],
): Executed[] {
  let i = 0;
  let viaXargs = false;
  // Strip wrappers, however deep (`sudo -E env X=1 nice rm …`).
  for (let guard = 0; guard < 16 && i < args.length; guard++) {
    const name = basename(args[i]!);
    if (/^[A-Za-z_]\w*=/.test(args[i]!)) {
      i++; // env's VAR=value words
      continue;
    }
    if (name === 'env') {
      // env -S 'X=1 rm -rf': the string is split into words that come first.
      const k = args.findIndex((a, j) => j > i && (a === '-S' || a === '--split-string' || /^-[a-zA-Z]*S./.test(a) || a.startsWith('--split-string=')));
      if (k >= 0) {
        const flag = args[k]!;
        const glued = flag.startsWith('--') ? flag.slice(flag.indexOf('=') + 1) : flag.slice(flag.indexOf('S') + 1);
        const str = flag === '-S' || flag === '--split-string' ? (args[k + 1] ?? '') : glued;
        const count = flag === '-S' || flag === '--split-string' ? 2 : 1;
        const words = str.split(/\s+/).filter(Boolean);
        args = [...args.slice(0, k), ...words, ...args.slice(k + count)];
        shapes = [...shapes.slice(0, k), ...words, ...shapes.slice(k + count)];
      }
      const next = skipOptions(args, i + 1, WRAPPERS.env!.values, ['-']);
      if (next < 0) return [];
      i = next;
      continue;
    }
    if (name === 'busybox' && i + 1 < args.length) {
      i++;
      continue;
    }
    if (name === 'parallel' || name === 'sem') return parallel(args, shapes, i, text, at, feeders, out, depth, vars);
    if (name === 'command' && args.slice(i + 1).some((a) => a === '-v' || a === '-V')) return [];
    if (name === 'xargs') {
      const next = skipOptions(args, i + 1, ['-I', '-J', '-d', '-E', '-L', '-n', '-P', '-s', '-a', '-R', '-S', '--arg-file', '--delimiter', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var']);
      if (next < 0 || next >= args.length) return [];
      // The input replaces a placeholder (-I {}, -i, --replace), or is appended.
      const replace = replaceString(args.slice(i + 1, next));
      if (replace) {
        args = args.map((a, j) => (j >= next ? a.split(replace).join(UNKNOWN) : a));
        shapes = shapes.map((a, j) => (j >= next ? a.split(replace).join(UNKNOWN) : a));
      } else viaXargs = true;
      i = next;
      continue;
    }
    if (name === 'timeout') {
      const next = skipOptions(args, i + 1, WRAPPERS.timeout!.values);
      if (next < 0) return [];
      i = next + 1; // the duration
      continue;
    }
    const wrapper = WRAPPERS[name];
    if (!wrapper) break;
    const next = skipOptions(args, i + 1, wrapper.values);
    if (next < 0) return [];
    i = next;
  }
  if (i >= args.length) return [];
  const program = basename(args[i]!);
  const rest = args.slice(i + 1);
  const restShapes = shapes.slice(i + 1);
  if (viaXargs) {
    // The input becomes more arguments: a value nobody has checked.
    rest.push(UNKNOWN);
    restShapes.push(UNKNOWN);
  }
  const executed: Executed = { program, args: rest, shapes: restShapes, text, at, feeders };
  if (program === 'echo') executed.output = rest.slice(rest.findIndex((a) => !/^-[neE]+$/.test(a))).join(' ');
  else if (program === 'printf') executed.output = rest.join(' ');
  else if (program === 'cat') {
    const doc = redirects.find((r) => r.type === 'HereDoc' || r.type === 'HereString');
    if (doc) executed.output = doc.type === 'HereDoc' ? doc.body.text : (doc.target?.value ?? '');
  }
  const found: Executed[] = [executed];
  found.push(...codeOf(executed, out, depth, vars, redirects));
  out.commands.push(executed);
  return found;
}

/** Shell code that a command runs from its arguments or its here-docs, walked as commands too. */
function codeOf(c: Executed, out: Walked, depth: number, vars: Map<string, string>, redirects: readonly Redirection[]): Executed[] {
  const { program, args } = c;
  const inner = (code: string) => walkSource(code, out, depth + 1, new Map(vars), c.at);
  if (SHELLS.has(program)) {
    const at = shellCommandString(args);
    if (at >= 0) {
      // sh -c "$(cat <<EOF … EOF)": the code is what the substitution prints.
      if (c.shapes[at] === SUBSTITUTED) return c.feeders.filter((f) => f.output !== undefined).flatMap((f) => inner(f.output!));
      return inner(args[at]!);
    }
    if (isShellReadingStdin(c)) {
      const found: Executed[] = [];
      for (const r of redirects) {
        if (r.type === 'HereDoc') found.push(...inner(r.body.text));
        else if (r.type === 'HereString' && r.target) found.push(...inner(r.target.value));
      }
      return found;
    }
    return [];
  }
  if (program === 'eval') return inner(args.join(' '));
  if (program === 'trap' && args.length >= 2 && !args[0]!.startsWith('-')) return inner(args[0]!);
  if (program === 'su') {
    const at = args.findIndex((a) => a === '-c' || a === '--command');
    if (at >= 0 && args[at + 1] !== undefined) return inner(args[at + 1]!);
    return [];
  }
  if (program === 'ssh') {
    const at = skipOptions(args, 0, ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);
    if (at >= 0 && at + 1 < args.length) return inner(args.slice(at + 1).join(' '));
    return [];
  }
  if (program === 'find') {
    const found: Executed[] = [];
    for (let k = 0; k < args.length; k++) {
      if (!['-exec', '-execdir', '-ok', '-okdir'].includes(args[k]!)) continue;
      const end = args.findIndex((a, j) => j > k && (a === ';' || a === '+'));
      const words = args.slice(k + 1, end < 0 ? undefined : end);
      if (words.length) found.push(...run(words, words.map((w) => (w === '{}' ? UNKNOWN : w)), c.text, c.at, [], out, depth + 1, vars, []));
      if (end > 0) k = end;
    }
    return found;
  }
  if (program === 'watch') {
    const at = skipOptions(args, 0, ['-n', '--interval', '-d', '-q', '--equexit']);
    if (at >= 0 && at < args.length) return inner(args.slice(at).join(' '));
  }
  return [];
}

/** The index of `-c`'s command string among a shell's arguments (`-c`, `-lc`, `-ec`), or -1. */
function shellCommandString(args: string[]): number {
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--' || !a.startsWith('-') || a.startsWith('--')) {
      if (a.startsWith('--') && a !== '--') continue;
      return -1;
    }
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) {
      // The command string is the first word after the options.
      let j = k + 1;
      while (j < args.length && /^[-+][a-zA-Z]+$/.test(args[j]!) && args[j] !== '-') j++;
      return j < args.length ? j : -1;
    }
  }
  return -1;
}

/** A shell with no script file and no -c: it runs what comes on its input. */
function isShellReadingStdin(c: Executed): boolean {
  if (!SHELLS.has(c.program) && c.program !== 'source' && c.program !== '.') return false;
  if (c.program === 'source' || c.program === '.') return c.args.length === 0;
  for (let k = 0; k < c.args.length; k++) {
    const a = c.args[k]!;
    if (a === '-s' || /^-[a-zA-Z]*s/.test(a)) return true;
    if (a === '--' || a === '-') return true;
    if (a.startsWith('-') || a.startsWith('+')) {
      if (a === '-o' || a === '+o') k++;
      continue;
    }
    return false; // a script file
  }
  return true;
}
