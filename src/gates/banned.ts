/** Gate 3, `banned`: the rules of scope `diff` or `both` against the added lines of staged text files (see rules/judge.ts). */
import { messages } from '../messages.js';
import { excerpt, isAllowed } from './allow.js';
import { findSecrets, maskSecrets } from '../secrets/detect.js';
import { scopeOf, type Scope } from '../config/scope.js';
import { compileRules, judgeLines, mayMatch, needsParser, type CompiledRule, type Walk } from '../rules/judge.js';
import type { Finding, Gate } from './gate.js';

export { mayMatch };

export const bannedGate: Gate = {
  id: 'banned',
  phase: 'serial',
  applies: (ctx) => (ctx.scopes.every((s) => Object.keys(s.config.banned).length === 0) ? 'no banned rules configured' : true),
  async run(ctx) {
    const compiled = new Map<Scope, CompiledRule[]>();
    const rulesOf = (scope: Scope) => compiled.get(scope) ?? compiled.set(scope, compileRules(scope.config.banned, 'diff')).get(scope)!;
    const findings: Finding[] = [];
    // The shell parser loads only when a file needs it (most commits hold no shell-like file).
    let walk: Walk = () => ({ commands: [], errors: 1 });
    let loaded = false;
    for (const { file, added } of await ctx.change.addedLines()) {
      const scope = scopeOf(ctx.scopes, file.path);
      const relative = scope.dir ? file.path.slice(scope.dir.length + 1) : file.path;
      if (!loaded && added.length > 0 && needsParser(relative, rulesOf(scope))) {
        walk = (await import('../shell/commands.js')).walk;
        loaded = true;
      }
      for (const hit of judgeLines(relative, added, rulesOf(scope), walk)) {
        const line = added[hit.index]!;
        if (isAllowed(line, hit.rule)) continue;
        // A banned line may carry a credential (curl -H "Authorization: Bearer …" | sh): never show it.
        findings.push({ file: line.path, line: line.line, rule: hit.rule, message: hit.message, excerpt: excerpt(maskSecrets(line.text, findSecrets(line.text))) });
      }
    }
    if (findings.length === 0) return { status: 'pass', message: '' };
    return {
      status: 'fail',
      message: messages.count(findings.length, 'banned command added', 'banned commands added'),
      findings,
      details: messages.bannedHowToAllow([...new Set(findings.map((f) => f.rule))], ctx.configFile),
    };
  },
};
