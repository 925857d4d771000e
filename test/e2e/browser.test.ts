/**
 * The browser gate through real commits: a tiny static app served by a Node script from the staged
 * snapshot, judged in the machine's headless Chromium (.ci/run installs Debian's). One browser
 * launch per commit; small timeouts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { installedRepo, type InstalledRepo } from '../helpers/installed.js';
import { cleanEnv, run } from '../helpers/repo.js';

/** Serves app/<page>.html (app/index.html for /), with the status in app/<page>.status if there is one. */
const SERVER = `import http from 'node:http';
import fs from 'node:fs';
const port = Number(process.env.PORT);
if (process.env.MARK) fs.writeFileSync(process.env.MARK, String(process.pid));
http.createServer((req, res) => {
  const name = req.url === '/' ? 'index' : req.url.slice(1);
  const file = 'app/' + name + '.html';
  if (!fs.existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
  const status = fs.existsSync('app/' + name + '.status') ? Number(fs.readFileSync('app/' + name + '.status', 'utf8')) : 200;
  res.writeHead(status, { 'content-type': 'text/html' });
  res.end(fs.readFileSync(file));
}).listen(port, '127.0.0.1');
`;

const GOOD = '<!doctype html><title>Home</title><h1>Hello</h1>\n';
const BAD = '<!doctype html><title>Home</title><h1>Hello</h1><script>throw new Error("home is broken")</script>\n';

const repos: InstalledRepo[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.remove();
});

/** A token in the start command, so that `ps` tells whether this test's server is still running. */
let serial = 0;
function project(browser: object, files: Record<string, string> = {}, extra: object = {}): { repo: InstalledRepo; token: string } {
  const token = `sgtoken${process.pid}x${serial++}`;
  const config = { extends: 'spark-guard/presets/recommended', review: { enabled: false }, lintStaged: false, ...extra, browser: { start: `node server.mjs ${token}`, url: 'http://127.0.0.1:{port}', startTimeoutMs: 15000, pageTimeoutMs: 15000, ...browser } };
  const repo = installedRepo(config, { 'server.mjs': SERVER, 'app/index.html': GOOD, ...files });
  repos.push(repo);
  return { repo, token };
}

function running(token: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((l) => l.includes(token) && !l.includes('ps -eo'));
}

function lastJson(repo: InstalledRepo) {
  const gitDir = repo.gitOk('rev-parse', '--absolute-git-dir').trim();
  return {
    md: fs.readFileSync(path.join(gitDir, 'spark-guard', 'last-report.md'), 'utf8'),
    json: JSON.parse(fs.readFileSync(path.join(gitDir, 'spark-guard', 'last-report.json'), 'utf8')) as { gates: { name: string; status: string; screenshots?: string[] }[] },
    gitDir,
  };
}

describe('browser gate', () => {
  it('a good page passes with a screenshot on disk and in the report; the same tree again is cached and keeps listing it', () => {
    const { repo, token } = project({ pages: ['/', '/about'] }, {}, { commitMessage: { banned: ['wip'] } });
    repo.write({ 'app/index.html': '<!doctype html><h1>Welcome</h1>\n', 'app/about.html': '<!doctype html><p>About us</p>\n' });
    repo.gitOk('add', '-A');
    // An editor's message (-e) is judged in commit-msg, after pre-commit (a bad -m one blocks before the gates).
    const first = repo.commit('wip', { GIT_EDITOR: 'printf "wip\\n" >' }, '-e');
    expect(first.code).toBe(1); // the message blocks; pre-commit passed and cached the browser gate
    expect(first.output, first.output).toMatch(/✓ browser\s+pass .*2 pages loaded clean/);
    const report = lastJson(repo);
    const shots = report.json.gates.find((g) => g.name === 'browser')!.screenshots!;
    expect(shots).toHaveLength(2);
    for (const s of shots) {
      expect(s.startsWith(path.join(report.gitDir, 'spark-guard', 'screens') + path.sep)).toBe(true);
      expect(fs.readFileSync(s).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(report.md).toContain(shots[0]);
    expect(running(token)).toEqual([]);

    const again = repo.commit('Add the about page to the demo app');
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/✓ browser\s+cached/);
    expect(lastJson(repo).json.gates.find((g) => g.name === 'browser')!.screenshots).toEqual(shots);
  });

  it('a thrown error, a console error, an HTTP 500 and an empty body each block, naming the page; allowConsole exempts; report --html shows it', async () => {
    const { repo, token } = project({ pages: ['/', '/throws', '/console', '/status', '/empty', '/allowed'], allowConsole: ['known vendor noise'] });
    repo.write({
      'app/throws.html': '<!doctype html><p>x</p><script>throw new Error("kaboom in throws")</script>\n',
      'app/console.html': '<!doctype html><p>x</p><script>console.error("bad thing in console")</script>\n',
      'app/status.html': '<!doctype html><p>server error page</p>\n',
      'app/status.status': '500',
      'app/empty.html': '<!doctype html><title>only a title</title><div>   </div>\n',
      'app/allowed.html': '<!doctype html><p>x</p><script>console.error("known vendor noise, ignore")</script>\n',
    });
    repo.gitOk('add', '-A');
    const r = repo.commit('Add pages that fail in the browser');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/✗ browser\s+fail/);
    expect(r.output).toMatch(/\/throws\s+browser\/uncaught\s+uncaught Error: kaboom in throws/);
    expect(r.output).toMatch(/\/console\s+browser\/console\s+console error: bad thing in console/);
    expect(r.output).toMatch(/\/status\s+browser\/status\s+answered HTTP 500/);
    expect(r.output).toMatch(/\/empty\s+browser\/blank/);
    expect(r.output).not.toMatch(/\/allowed\s+browser/);
    expect(r.output).not.toMatch(/^\s+\/\s+browser\//m);
    expect(r.output).toContain('pages /throws, /console, /status, /empty failed in the browser');
    expect(running(token)).toEqual([]);

    // The same report as one HTML page, opened in the same Chromium: findings shown, screenshots inline.
    const html = repo.cli(['report', '--html']);
    expect(html.code, html.output).toBe(0);
    const file = html.stdout.trim();
    expect(file).toBe(path.join(lastJson(repo).gitDir, 'spark-guard', 'last-report.html'));
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toMatch(/<script|src="(?!data:)/); // self-contained, nothing to run or fetch
    const shown = await inChromium(file);
    expect(shown.text).toContain('blocked');
    expect(shown.text).toMatch(/\/throws\s+browser\/uncaught\s+uncaught Error: kaboom in throws/);
    expect(shown.images).toHaveLength(6);
    for (const image of shown.images) expect(image.width).toBeGreaterThan(100);
  });

  it('judges the staged snapshot: staged GOOD with unstaged BAD passes, the reverse blocks', () => {
    const { repo } = project({});
    repo.write({ 'app/index.html': `${GOOD}<p>v2</p>\n` });
    repo.gitOk('add', '-A');
    repo.write({ 'app/index.html': BAD });
    const good = repo.commit('Stage a good page, keep a broken edit');
    expect(good.code, good.output).toBe(0);
    expect(repo.read('app/index.html')).toBe(BAD);

    repo.gitOk('add', '-A');
    repo.write({ 'app/index.html': GOOD });
    const bad = repo.commit('Stage the broken page, fix it in the work tree');
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('home is broken');
  });

  it('a README-only commit skips the gate; SPARK_GUARD_SKIP=browser skips it with a warning; no browser warns and the commit proceeds', () => {
    const { repo } = project({});
    repo.write({ 'README.md': '# demo\n\nMore words.\n' });
    repo.gitOk('add', '-A');
    const r = repo.commit('Say more in the README');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/- browser\s+skip\s+no staged file matches browser\.when/);

    repo.write({ 'app/index.html': BAD });
    repo.gitOk('add', '-A');
    const skipped = repo.commit('Break the page, skipping the browser knowingly', { SPARK_GUARD_SKIP: 'browser' });
    expect(skipped.code, skipped.output).toBe(0);
    expect(skipped.output).toMatch(/skipping browser because SPARK_GUARD_SKIP/);

    repo.write({ 'app/index.html': GOOD });
    repo.gitOk('add', '-A');
    const none = repo.commit('Fix the page on a machine without Chromium', { CHROME_PATH: '/nonexistent/chromium' });
    expect(none.code, none.output).toBe(0);
    expect(none.output).toMatch(/! browser\s+warn\s+\d+ ms\s+CHROME_PATH names \/nonexistent\/chromium, which does not exist/);
  });

  it('a server that never answers fails within startTimeoutMs; a start that crashes fails at once with its output; nothing is left running', () => {
    const { repo, token } = project({ start: `node -e "setInterval(() => {}, 1000)" ${'--'} mute-{port}-TOKEN`, startTimeoutMs: 2000 });
    fs.writeFileSync(path.join(repo.dir, '.spark-guardrc.json'), fs.readFileSync(path.join(repo.dir, '.spark-guardrc.json'), 'utf8').replace('TOKEN', token));
    repo.write({ 'app/index.html': `${GOOD}<p>v2</p>\n` });
    repo.gitOk('add', '-A');
    const t = Date.now();
    const mute = repo.commit('A server that never listens');
    expect(mute.code).toBe(1);
    expect(mute.output).toMatch(/did not answer within browser\.startTimeoutMs \(2000 ms\)/);
    expect(Date.now() - t).toBeLessThan(2000 + 20_000); // generous: a loaded CI machine
    expect(running(token)).toEqual([]);

    const config = JSON.parse(repo.read('.spark-guardrc.json'));
    config.browser.start = `node -e "console.error('EADDRNOTAVAIL: cannot bind'); process.exit(3)" ${token}`;
    config.browser.startTimeoutMs = 60000;
    repo.write({ '.spark-guardrc.json': JSON.stringify(config) });
    repo.gitOk('add', '-A');
    const crash = repo.commit('A server that crashes at start');
    expect(crash.code).toBe(1);
    expect(crash.output).toContain('browser.start exited (exit 3) before the app answered');
    expect(crash.output).toContain('EADDRNOTAVAIL: cannot bind');
  });

  it('Ctrl-C while the server starts leaves no server process behind, nor a Chromium temporary folder', async () => {
    const chromiumTmp = () => fs.readdirSync(os.tmpdir()).filter((f) => /^(org\.chromium\.Chromium\.|spark-guard-chromium-)/.test(f));
    const before = chromiumTmp();
    const { repo, token } = project({ startTimeoutMs: 60000 });
    const mark = path.join(repo.dir, '.git', 'server-pid');
    const config = JSON.parse(repo.read('.spark-guardrc.json'));
    // The server listens only after 30 s: the interrupt comes while the gate waits for it.
    config.browser.start = `sh -c 'echo $$ > ${mark}.sh; MARK=${mark} exec node -e "require(\\"fs\\").writeFileSync(process.env.MARK, String(process.pid)); setTimeout(() => require(\\"http\\").createServer().listen(process.env.PORT), 30000)" ${token}'`;
    repo.write({ '.spark-guardrc.json': JSON.stringify(config), 'app/index.html': `${GOOD}<p>v2</p>\n` });
    repo.gitOk('add', '-A');
    const child = spawn('git', ['commit', '-m', 'Interrupted while the server starts'], { cwd: repo.dir, env: cleanEnv(), detached: true, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // 'close': once every process holding git's output (spark-guard in the hook) is gone, not just git.
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    for (let i = 0; i < 600 && !fs.existsSync(mark); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(mark), output).toBe(true);
    process.kill(-child.pid!, 'SIGINT'); // what a terminal's Ctrl-C does: the whole foreground group
    const code = await exited;
    expect(code, output).not.toBe(0);
    expect(output).toContain('interrupted (SIGINT)');
    const serverPid = Number(fs.readFileSync(mark, 'utf8'));
    expect(alive(serverPid)).toBe(false);
    expect(running(token)).toEqual([]);
    expect(repo.gitOk('log', '--format=%s', '-1').trim()).not.toBe('Interrupted while the server starts');
    expect(chromiumTmp().filter((f) => !before.includes(f))).toEqual([]);
  });

  it('runs beside a command gate: a gate that waits for the app server to be up passes', () => {
    const { repo, token } = project({}, {}, {});
    const mark = path.join(repo.dir, '.git', 'server-up');
    const config = JSON.parse(repo.read('.spark-guardrc.json'));
    config.browser.start = `MARK=${mark} node server.mjs ${token}`;
    // The command gate passes only if the browser gate's server starts while it runs (within 20 s).
    config.gates = { beside: `for i in $(seq 1 200); do [ -e ${mark} ] && break; sleep 0.1; done; test -e ${mark} && sleep 1` };
    repo.write({ '.spark-guardrc.json': JSON.stringify(config), 'app/index.html': `${GOOD}<p>v2</p>\n` });
    repo.gitOk('add', '-A');
    const r = repo.commit('Change the page beside a one-second gate');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✓ beside\s+pass/);
    expect(r.output).toMatch(/✓ browser\s+pass/);
  });

  it('two commits at once in sibling worktrees each get their own port', async () => {
    const { repo, token } = project({});
    const sibling = `${repo.dir}-sibling`;
    repo.gitOk('worktree', 'add', '-q', '-b', 'other', sibling);
    try {
      fs.symlinkSync(path.join(repo.dir, 'node_modules'), path.join(sibling, 'node_modules'));
      const install = run('npx', ['--no-install', 'spark-guard', 'install', '--no-save'], sibling);
      expect(install.code, install.output).toBe(0);
      for (const dir of [repo.dir, sibling]) {
        fs.writeFileSync(path.join(dir, 'app/index.html'), `${GOOD}<p>${dir}</p>\n`);
        spawnSync('git', ['add', '-A'], { cwd: dir, env: cleanEnv() });
      }
      const commit = (dir: string) =>
        new Promise<{ code: number | null; output: string }>((resolve) => {
          const child = spawn('git', ['commit', '-m', 'Change the page in this worktree'], { cwd: dir, env: cleanEnv() });
          let output = '';
          child.stdout.on('data', (d) => (output += d));
          child.stderr.on('data', (d) => (output += d));
          child.on('close', (code) => resolve({ code, output }));
        });
      const [a, b] = await Promise.all([commit(repo.dir), commit(sibling)]);
      expect(a.code, a.output).toBe(0);
      expect(b.code, b.output).toBe(0);
      expect(a.output).toMatch(/✓ browser\s+pass/);
      expect(b.output).toMatch(/✓ browser\s+pass/);
      expect(running(token)).toEqual([]);
    } finally {
      fs.rmSync(sibling, { recursive: true, force: true });
    }
  });
});

/**
 * What a page shows in headless Chromium: its visible text and its images' rendered sizes. In a
 * child process, so the driver leaves nothing behind in the test worker.
 */
async function inChromium(file: string): Promise<{ text: string; images: { width: number }[] }> {
  const driver = pathToFileURL(createRequire(import.meta.url).resolve('playwright-core')).href;
  const script = `
    const { chromium } = (await import(${JSON.stringify(driver)})).default;
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      await page.goto(${JSON.stringify(pathToFileURL(file).href)});
      const text = await page.innerText('body');
      const images = await page.$$eval('img', (els) => els.map((e) => ({ width: e.naturalWidth })));
      console.log(JSON.stringify({ text, images }));
    } finally {
      await browser.close();
    }`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}
