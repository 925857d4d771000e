/** Gate 4, `secrets`: credential-shaped values in added lines, shown masked. Lockfiles too. */
import { globMatcher } from '../diff/stats.js';
import { findSecretsInLines, maskSecrets } from '../secrets/detect.js';
import { messages } from '../messages.js';
import { excerpt, isAllowed } from './allow.js';
import { scopeOf, type Scope } from '../config/scope.js';
import type { Finding, Gate } from './gate.js';

export const secretsGate: Gate = {
  id: 'secrets',
  phase: 'serial',
  applies: (ctx) => (ctx.scopes.every((s) => s.config.secrets === false) ? 'secrets: false' : true),
  async run(ctx) {
    const matchers = new Map<Scope, ((p: string) => boolean) | null>();
    const skips = (path: string) => {
      const scope = scopeOf(ctx.scopes, path);
      if (!matchers.has(scope)) matchers.set(scope, scope.config.secrets === false ? null : globMatcher(scope.config.secrets.ignore));
      const ignored = matchers.get(scope);
      return !ignored || ignored(scope.dir ? path.slice(scope.dir.length + 1) : path);
    };
    const findings: Finding[] = [];
    for (const { file, added } of await ctx.change.addedLines()) {
      if (skips(file.path)) continue;
      const found = findSecretsInLines(added);
      for (const [i, line] of added.entries()) {
        const matches = found[i]!;
        if (matches.length === 0 || isAllowed(line, 'secret')) continue;
        const masked = excerpt(maskSecrets(line.text, matches));
        for (const m of matches) {
          findings.push({ file: line.path, line: line.line, rule: m.rule, message: messages.secretFound(m.label), excerpt: masked });
        }
      }
    }
    if (findings.length === 0) return { status: 'pass', message: '' };
    return {
      status: 'fail',
      message: messages.count(findings.length, 'credential added', 'credentials added'),
      findings,
      details: messages.secretsHowToFix(ctx.configFile),
    };
  },
};
