/**
 * `mayBreak`, the guard's test before the parser: a command it lets through unparsed must be one the
 * parser would let through too. The oracle is the parser itself (judgeExecuted over walk()), on the
 * command corpus, on words built from pieces, and on seeded random lines.
 */
import { describe, expect, it } from 'vitest';
import preset from '../../../presets/recommended.js';
import type { BannedRule } from '../../../src/config/types.js';
import { compileRules, judgeCommand, judgeExecuted, mayBreak } from '../../../src/rules/compile.js';
import { walk } from '../../../src/shell/commands.js';
import { GUARD_CASES } from '../../fixtures/guard-commands.js';

const rules = compileRules(preset.banned as Record<string, BannedRule>, 'commands');
/** What the parser alone blocks. */
const parsed = (line: string) => judgeExecuted(walk(line).commands, rules).map((h) => h.rule);

describe('mayBreak: a command answered without the parser is one the parser allows', () => {
  it.each(GUARD_CASES.map(([c, r]) => [JSON.stringify(c), c, r] as const))('the corpus: %s', (_name, command, rule) => {
    if (rule) expect(mayBreak(command, rules)).toBe(true);
    if (parsed(command).length) expect(mayBreak(command, rules)).toBe(true);
  });

  it('lets the everyday commands through without parsing them', () => {
    for (const line of [
      'git status && npm test -- --run | tee log.txt',
      'ls -la src',
      'npm run build',
      'git log --oneline -5',
      "grep -rn 'TODO' src | head -20",
      'git diff --stat HEAD~1',
      'cat package.json',
    ]) {
      expect(mayBreak(line, rules), line).toBe(false);
    }
  });

  it.each([
    ['git \'pu\'"sh" -f', 'force-push'],
    ['g"i"t p""ush --fo\'rce\'', 'force-push'],
    ["bash -c 'git pu''sh -f'", 'force-push'],
    ['r\\m -rf /', 'rm-rf'],
    ['X=pu; git ${X}sh -f', 'force-push'],
    ['R=r; ${R}m -rf /', 'rm-rf'],
    ["$'\\x72m' -rf /", 'rm-rf'],
    ['parallel git pu{} -f ::: sh', 'force-push'],
    ['env -S"rm -rf /"', 'rm-rf'],
    ["echo 'git push --force' | sh", 'force-push'],
    ["ssh host 'rm' -rf '~'", 'rm-rf'],
    ['busybox rm -rf /', 'rm-rf'],
    ['C:\\\\bin\\\\rm.exe -rf /', 'rm-rf'],
  ])('a word built from pieces goes to the parser: %s', (line, rule) => {
    expect(mayBreak(line, rules)).toBe(true);
    expect(judgeCommand(line, rules, walk).map((h) => h.rule)).toContain(rule);
  });

  it('a rule with only a pattern (any regex) always needs the parser', () => {
    const withPattern = compileRules({ tf: { pattern: '^terraform destroy' } }, 'commands');
    expect(mayBreak('ls', withPattern)).toBe(true);
    expect(judgeCommand('cd infra && terraform destroy', withPattern, walk).map((h) => h.rule)).toEqual(['tf']);
  });

  it('a matcher needs its program, each of its args and one of fedBy; `mkfs.*` is a prefix', () => {
    const r = compileRules(
      {
        tf: { command: [{ program: ['terraform'], args: ['destroy'] }] },
        mk: { command: [{ program: ['mkfs.*'] }] },
        fed: { command: [{ program: ['python3'], fedBy: ['curl'] }] },
      },
      'commands',
    );
    expect(mayBreak('terraform plan', r)).toBe(false);
    expect(mayBreak('terraform destroy', r)).toBe(true);
    expect(mayBreak('sudo mkfs.ext4 /dev/sdb1', r)).toBe(true);
    expect(mayBreak('python3 x.py', r)).toBe(false);
    expect(mayBreak('curl -s x | python3', r)).toBe(true);
  });

  it('a word of a rule that holds a quote character is compared without it, as the line is', () => {
    const r = compileRules({ q: { command: [{ program: ['say'], args: ["it's"] }] } }, 'commands');
    expect(mayBreak(`say "it's"`, r)).toBe(true);
    expect(judgeCommand(`say "it's"`, r, walk).map((h) => h.rule)).toEqual(['q']);
  });

  it('seeded random lines: never unparsed when the parser blocks', () => {
    let seed = Number(process.env.SPARK_GUARD_TEST_SEED ?? 20261206);
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const words = [
      'rm', '-rf', '-r', '-f', '--force', '--recursive', '--no-preserve-root', '/', '/*', '~', '.', '..', '*', 'build', 'x',
      'git', 'push', '-f', 'origin', '+main', 'commit', '-n', '--no-verify', '-m', 'msg', 'reset', '--hard', 'clean', '-fd', 'checkout', '--', 'restore',
      'switch', 'stash', 'drop', 'branch', '-D', 'worktree', 'remove', '-C', 'dir', 'status', 'log',
      'curl', 'wget', 'https://x.sh', 'sh', 'bash', 'zsh', 'source', 'eval', '-c', '-s', 'chmod', '-R', '777', 'a+rwx', 'dd', 'of=/dev/sda', 'if=/dev/zero',
      'mkfs.ext4', '/dev/sdb', 'shred', 'sudo', '-E', 'env', 'X=1', '-S', 'nice', 'timeout', '10', 'xargs', '-I', '%', 'find', '-exec', ';', '+',
      'ssh', 'host', 'su', 'trap', 'EXIT', 'watch', 'busybox', 'parallel', ':::', 'command', 'exec', 'nohup', 'echo', 'printf', 'cat', 'npm', 'test',
      'r', 'm', 'pu', 'sh', 'gi', 't', 'fo', 'rce', '/bin/rm', '/usr/bin/git', 'rm.exe',
    ];
    const joins = [' ', ' ', ' ', ' | ', ' && ', '; ', ' || ', '\n', ' & ', ' |& '];
    const quote = (w: string) => {
      const r = random();
      if (r < 0.55) return w;
      if (r < 0.7) return `'${w}'`;
      if (r < 0.8) return `"${w}"`;
      const cut = Math.floor(random() * (w.length + 1));
      return `${w.slice(0, cut)}${pick(["''", '""', "'", '"'])}${w.slice(cut)}`;
    };
    const shapes = [
      (l: string) => l,
      (l: string) => `bash -c '${l.replace(/'/g, '')}'`,
      (l: string) => `sh -c "${l.replace(/"/g, '')}"`,
      (l: string) => `eval "${l.replace(/"/g, '')}"`,
      (l: string) => `echo '${l.replace(/'/g, '')}' | sh`,
      (l: string) => `cat <<'EOF' | bash\n${l}\nEOF`,
      (l: string) => `(${l})`,
      (l: string) => `if true; then ${l}; fi`,
    ];
    /** A corpus line with its words quoted, split, dropped, doubled or replaced: lines near the edge of a rule. */
    const mutate = (source: string) =>
      source
        .split(/(?<=\s)|(?=\s)/)
        .flatMap((w) => {
          if (/^\s+$/.test(w)) return [w];
          const r = random();
          if (r < 0.1) return [];
          if (r < 0.15) return [w, ' ', w];
          if (r < 0.2) return [quote(pick(words))];
          return [/^[\w./~*+:=%-]+$/.test(w) ? quote(w) : w];
        })
        .join('');
    const corpus = GUARD_CASES.map(([c]) => c);
    let unparsed = 0;
    let blocked = 0;
    for (let i = 0; i < 6000; i++) {
      let line = '';
      if (i % 2) line = mutate(pick(corpus));
      else {
        const n = 1 + Math.floor(random() * 7);
        for (let k = 0; k < n; k++) line += (k === 0 ? '' : random() < 0.8 ? ' ' : pick(joins)) + (random() < 0.15 ? quote(pick(words)) + quote(pick(words)) : quote(pick(words)));
      }
      line = pick(shapes)(line);
      const hits = parsed(line);
      if (hits.length) blocked++;
      if (mayBreak(line, rules)) continue;
      unparsed++;
      expect(hits, `seed ${process.env.SPARK_GUARD_TEST_SEED ?? 20261206}: ${JSON.stringify(line)}`).toEqual([]);
    }
    // The lines exercise both sides: many answered unparsed, many blocked by the parser.
    expect(unparsed).toBeGreaterThan(1000);
    expect(blocked).toBeGreaterThan(1000);
  });
});
