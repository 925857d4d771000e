import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import preset from '../../../presets/recommended.js';
import { mayMatch } from '../../../src/gates/banned.js';

const { banned } = preset;
const IDS = ['rm-rf', 'force-push', 'no-verify', 'curl-pipe-sh', 'chmod-777', 'git-reset-hard', 'git-clean'] as const;
type Id = (typeof IDS)[number];
/** SPEC §12's rules for an agent's commands only: structured, no text pattern (test/unit/rules/). */
const COMMAND_IDS = ['git-discard', 'git-branch-force-delete', 'disk-wipe'];

/** Compiled exactly as the gate does: `new RegExp(pattern)`, no flags, one line at a time. */
const regex = (id: Id) => new RegExp(banned[id]!.pattern!);
/** What the gate does with a line: the keyword pre-check, then the regex. */
const blocks = (id: Id, line: string) => mayMatch({ keywords: banned[id]!.keywords ?? null }, line) && regex(id).test(line);

/** For each rule: lines that must match, and near-misses that must not. */
const cases: Record<Id, { hit: string[]; pass: string[] }> = {
  'rm-rf': {
    hit: [
      'rm -rf /',
      'rm -rf /*',
      'rm -rf ~',
      'rm -rf ~/',
      'rm -rf ~/*',
      'rm -rf *',
      'rm -rf .',
      'rm -rf ./',
      'rm -rf ..',
      'rm -rf ../..',
      'rm -rf ./*',
      'rm -rf .*',
      'rm -rf $DIR',
      'rm -rf "$DIR"',
      'rm -rf ${DIR}',
      'rm -rf "${DIR}"',
      'rm -rf $HOME/',
      'rm -rf "$HOME/"',
      'rm -rf "$DIR"/*',
      'rm -rf "$1"',
      'rm -rf "$HOME"',
      'rm -fr /',
      'rm -Rf /',
      'rm -r -f /',
      'rm -f -r ~',
      'rm --recursive --force /',
      'rm --force --recursive .',
      'rm -rfv /',
      'rm -rf --no-preserve-root /',
      'rm --no-preserve-root -r /',
      'rm / -rf',
      'sudo rm -rf /',
      '/bin/rm -rf /',
      '\\rm -rf ~',
      'rm -rf -- /',
      'rm -rf ./build /',
      '  rm -rf "$STEAMROOT/"*',
      'cd /tmp && rm -rf *',
      'true; rm -rf ~',
      '(rm -rf /)',
      'RUN rm -rf /',
      '    - run: rm -rf $WORKSPACE',
      '  "clean": "rm -rf .",',
      "execSync('rm -rf ~', { stdio: 'inherit' });",
      'trap \'rm -rf "$tmp"\' EXIT',
      'Never run `rm -rf /`.',
      '# never run rm -rf / in scripts',
    ],
    pass: [
      'rm -rf ./build',
      'rm -rf build',
      'rm -rf node_modules',
      'rm -rf "$DIR/build"',
      'rm -rf "${DIR:?}/"',
      'rm -rf "${DIR:?}"',
      'rm -rf "${DIR:?}"/*',
      'rm -rf dist/*',
      'rm -rf /tmp/spark-guard-test',
      'rm -rf ~/.cache/spark-guard',
      'rm -rf ./*.log',
      'rm -rf *.tmp',
      'rm -rf ...',
      'rm -r ./x',
      'rm -r ~',
      'rm -f file.txt',
      'rm -f *',
      'rm -rf',
      'npm run rm-rf',
      'firm -rf /',
      'git rm -rf .',
      'git rm -r --cached .',
      'docker rm -f $CONTAINER',
      'rm -rf ./build # never /',
      'rm -rf build && cd /',
      'echo rm',
      '{"scripts":{"clean":"rm -rf dist","lint":"eslint ."}}',
    ],
  },
  'force-push': {
    hit: [
      'git push --force',
      'git push -f',
      'git push origin main -f',
      'git push --force origin',
      'git push origin +main',
      'git push origin +main:main',
      'git push origin "+HEAD:refs/heads/release"',
      'git push -fu origin main',
      'git push -uf origin main',
      'git push --force-with-lease --force',
      'git -C ../app push -f',
      'git -c push.default=current push --force',
      '/usr/bin/git push --force',
      'cd repo && git push -f',
      '"deploy": "git push heroku main --force"',
      'git push origin $(git branch --show-current) --force',
      'git push -f # spark-guard-allow rm-rf',
    ],
    pass: [
      'git push --force-with-lease',
      'git push --force-if-includes --force-with-lease',
      'git push --force-with-lease=main:abc123 origin main',
      'git push origin feature-f',
      'git push --follow-tags',
      'git push -u origin main',
      'git push origin main',
      'git push -o ci.skip origin main',
      'git push origin main # not --force',
      'git push origin main; rm -f x',
      'git push && echo -f',
      'git commit -m "no --force today"',
      'git pushf -f',
      'git fetch -f',
      'git push',
    ],
  },
  'no-verify': {
    hit: [
      'git commit --no-verify',
      'git commit -n -m x',
      'git commit -nm "x"',
      'git commit -anm "x"',
      'git commit -m "x" -n',
      'git push --no-verify',
      'git commit -am "x" --no-verify',
      'git commit -m "a; b | c" --no-verify',
      'git merge --no-verify feature',
      'git pull --no-verify',
      'git rebase --no-verify main',
      'git am --no-verify < patch',
      'git commit --no-veri -m x',
      'git -C app commit --no-verify',
      'git add . && git commit --no-verify -m "wip"',
      '"commit": "git commit --no-verify"',
      "execSync('git commit -m \"x\" --no-verify')",
      '`git commit --no-verify`',
    ],
    pass: [
      'grep -- --no-verify README.md',
      'echo "--no-verify is banned"',
      'npm install --no-verify-ssl',
      'git commit -m "never use --no-verify"',
      "git commit -m 'explain -n in docs'",
      'git commit -m "x"; echo --no-verify',
      'git commit -m x && grep --no-verify log',
      'git commit -m x | tee --no-verify',
      'git push -n',
      'git push --dry-run',
      'git merge -n feature',
      'git commit -m -x',
      'git commit --amend',
      'git commit-tree -n',
      'git log --no-verify-signatures',
      'git commit -m x # --no-verify is off limits',
    ],
  },
  'curl-pipe-sh': {
    hit: [
      'curl -fsSL https://x | sh',
      'curl x | bash',
      'curl -sSf https://sh.rustup.rs|sh',
      'wget -qO- x | sh',
      'wget -O - x | bash',
      'curl x | sudo bash',
      'curl x | sudo -E bash -s --',
      'curl x | sudo -u root bash',
      'curl x | /bin/bash',
      'curl x | /usr/bin/env bash',
      'curl x | env FOO=1 sh -s -- --yes',
      'curl x | zsh',
      'curl -H "X-A: a|b" "https://x?a=1&b=2" | sh',
      'curl x | tee install.sh | sh',
      'curl x |& bash',
      'bash <(curl -s x)',
      'bash < <(curl -s x)',
      'source <(curl -s x)',
      '. <(wget -qO- x)',
      'sh -c "$(curl -fsSL x)"',
      'bash -c "$(wget -qO- x)"',
      'sudo sh -c "$(curl -fsSL x)"',
      'zsh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"',
      'eval "$(curl -fsSL x)"',
      'bash <<< "$(curl x)"',
      '/usr/bin/curl x | sh',
      '  "setup": "curl -fsSL https://x | sh",',
      'RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -',
    ],
    pass: [
      'curl x | jq .',
      'curl -o install.sh x',
      'curl x | shasum',
      'curl x | shasum -a 256',
      'curl x | tee file',
      'curl x | shellcheck -',
      'curl x || sh fallback.sh',
      'curl x; sh install.sh',
      'curl x && sh install.sh',
      'curl x > install.sh && sha256sum -c SUMS && sh install.sh',
      'curl-config --libs | sh',
      'echo curl | jq',
      'diff <(curl -s a) <(curl -s b)',
      'echo "$(curl -s x)"',
      'bash install.sh',
      'curl x | python -m json.tool',
    ],
  },
  'chmod-777': {
    hit: [
      'chmod -R 777 .',
      'chmod 777 -R dir',
      'chmod --recursive 0777 /var',
      'chmod -Rv 777 dir',
      'chmod -vR 777 dir',
      'chmod -R 1777 /shared',
      'sudo chmod -R 777 /var/www',
      'chmod -R a+rwx dir',
      'chmod -R ugo+rwx dir',
      'chmod -R a=rwx dir',
      'chmod -R o+w dir',
      'chmod -R u+rwx,o+w dir',
      'chmod --rec 777 .',
      '"fix": "chmod -R 777 storage"',
    ],
    pass: [
      'chmod 755 file',
      'chmod -R 755 dir',
      'chmod 777 single-file',
      'chmod a+rwx single-file',
      'chmod -R 775 dir',
      'chmod -R a+rX dir',
      'chmod -R go-w dir',
      'chmod -R u+rwx dir',
      'chmod -R +x bin',
      'chmod -R 7777x dir',
      'chmod -R 755 dir777',
      'chmod -R 755 dir; echo 777',
      'mychmod -R 777 .',
      'chmod -w -R dir',
    ],
  },
  'git-reset-hard': {
    hit: [
      'git reset --hard',
      'git reset --hard HEAD~1',
      'git reset origin/main --hard',
      'git reset -q --hard origin/main',
      'git -C ../app reset --hard',
      'cd repo && git reset --hard',
      '"reset": "git reset --hard && git clean -fd"',
      "execSync('git reset --hard')",
    ],
    pass: [
      'git reset --soft',
      'git reset --soft HEAD~1',
      'git reset --keep',
      'git reset --mixed HEAD~1',
      'git reset',
      'git reset HEAD file.txt',
      'git reset -- --hard',
      'git reset; echo --hard',
      'git commit -m "undo the --hard reset"',
      'git stash && git reset --keep',
    ],
  },
  'git-clean': {
    hit: [
      'git clean -fd',
      'git clean -xdf',
      'git clean -dfx',
      'git clean -f',
      'git clean -ffdx',
      'git clean --force',
      'git clean -d --force',
      'git clean -x -d -f',
      'git clean -fd -e .env',
      '"clean": "git clean -fdx"',
    ],
    pass: [
      'git clean -n',
      'git clean --dry-run',
      'git clean -nd',
      'git clean -fdn',
      'git clean -f --dry-run',
      'git clean -d',
      'git clean -e f',
      'git clean -ef',
      'git clean; rm -f x',
      'git cleanup -f',
    ],
  },
};

describe('the recommended banned list', () => {
  it('has exactly the SPEC §4 and §12 ids, each with a message that says why and what to do instead', () => {
    expect(Object.keys(banned).sort()).toEqual([...IDS, ...COMMAND_IDS].sort());
    for (const id of COMMAND_IDS) expect(banned[id]!.scope, id).toBe('commands');
    for (const id of [...IDS, ...COMMAND_IDS]) expect(banned[id]!.command?.length, id).toBeGreaterThan(0);
    for (const id of IDS) {
      const rule = banned[id]!;
      expect(() => new RegExp(rule.pattern!), id).not.toThrow();
      expect(rule.message.length, id).toBeGreaterThan(60);
      expect(rule.message, id).toMatch(/\b(Use|Name|Fix|Download|Grant|Remove)\b/);
    }
  });

  describe.each(IDS)('%s', (id) => {
    it.each(cases[id].hit)('blocks %s', (line) => {
      expect(blocks(id, line)).toBe(true);
    });
    it.each(cases[id].pass)('allows %s', (line) => {
      expect(blocks(id, line)).toBe(false);
    });
  });

  it('every rule has keywords, and a line can only match its pattern when it holds one of them', () => {
    // The keyword pre-check must never hide a hit: each keyword is a literal the pattern requires.
    for (const id of IDS) {
      const keywords = banned[id]!.keywords;
      expect(keywords?.length, id).toBeGreaterThan(0);
      for (const line of [...cases[id].hit, ...cases[id].pass]) {
        if (regex(id).test(line)) expect(keywords!.some((k) => line.includes(k)), `${id}: ${line}`).toBe(true);
      }
    }
    // and lines without a keyword never reach the regex
    expect(mayMatch({ keywords: ['curl', 'wget'] }, 'echo hello | sh')).toBe(false);
    expect(mayMatch({ keywords: null }, 'anything')).toBe(true);
  });

  it('each case line is caught by its own rule only where the rules overlap on purpose', () => {
    // A hit line of one rule should not trip an unrelated rule by accident (overlaps listed here).
    const overlaps = new Set(['git-reset-hard:"reset": "git reset --hard && git clean -fd"']);
    for (const id of IDS) {
      for (const line of cases[id].hit) {
        const others = IDS.filter((other) => other !== id && regex(other).test(line));
        if (!overlaps.has(`${id}:${line}`)) expect(others, `${id}: ${line}`).toEqual([]);
      }
    }
  });
});

describe('script-only rules', () => {
  const scripts = ['scripts/deploy.sh', 'Makefile', 'package.json', '.github/workflows/ci.yml', 'src/x.ts', '.husky/pre-commit', 'packages/app/.husky/pre-push', 'docker/Dockerfile', 'Dockerfile.dev', 'tools/release.py', 'lib/tasks/db.rb', 'build.mk', 'Justfile'];
  const docs = ['README.md', 'docs/guide.md', 'CHANGELOG.md', 'notes.txt', 'docs/guide.mdx'];

  it.each(['git-reset-hard', 'git-clean'] as const)('%s applies to scripts, not to docs', (id) => {
    const match = picomatch(banned[id]!.files!, { dot: true });
    for (const p of scripts) expect(match(p), p).toBe(true);
    for (const p of docs) expect(match(p), p).toBe(false);
  });

  it('the other rules apply to every file (docs included)', () => {
    for (const id of IDS.filter((i) => i !== 'git-reset-hard' && i !== 'git-clean')) expect(banned[id]!.files, id).toBeUndefined();
  });
});

describe('patterns stay fast on hostile input', () => {
  const n = 10_000;
  const lines = [
    'rm ' + '-'.repeat(n),
    'rm -' + 'r'.repeat(n) + '1',
    'rm -rf ' + './'.repeat(n / 2) + 'x',
    'rm -rf ' + ' '.repeat(n) + 'x',
    'rm '.repeat(n / 3),
    'rm -rf $' + '{'.repeat(n),
    'git push ' + ' -x'.repeat(n / 3),
    'git push ' + 'a "'.repeat(n / 3),
    "git commit -m '" + "a'b ".repeat(n / 4),
    'git ' + '-c '.repeat(n / 3),
    'git ' + '--git-dir '.repeat(n / 10),
    'git commit '.repeat(n / 11),
    'git clean ' + '-'.repeat(n),
    'curl ' + 'x '.repeat(n / 2) + '| jq',
    'curl x ' + '| tee a '.repeat(n / 8) + '| jq',
    'curl x | ' + 'sudo -u '.repeat(n / 8),
    'curl x | ' + '/'.repeat(n) + 'shasum',
    'bash ' + '-x '.repeat(n / 3) + '<(cat)',
    'chmod -R ' + 'o'.repeat(n) + '-w',
    'chmod -R ' + 'o,'.repeat(n / 2) + 'a+x',
    'chmod ' + '-R '.repeat(n / 3) + '755',
    'curl '.repeat(n / 5),
    'curl x | '.repeat(n / 9),
    'curl x | sudo '.repeat(n / 14),
    'sh -c '.repeat(n / 6),
    'chmod -R '.repeat(n / 9),
    'chmod -R o+w,'.repeat(n / 13),
    '/bin/rm -rf x '.repeat(n / 14),
    'rm -rf "'.repeat(n / 8),
    'a/git commit '.repeat(n / 13),
    'git push "$(a) '.repeat(n / 12),
    'git reset -- '.repeat(n / 13),
    'git push $('.repeat(n / 11),
    'git push $(git x) '.repeat(n / 18),
    'curl $(curl '.repeat(n / 12),
    '|'.repeat(n),
    '"'.repeat(n),
    ' '.repeat(n),
  ];

  it('every rule over every line takes well under a second', () => {
    const rules = IDS.map(regex);
    const started = performance.now();
    for (const line of lines) for (const r of rules) r.test(line);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
