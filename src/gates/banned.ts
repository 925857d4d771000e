/** Gate 3, `banned`: each rule's regex against the added lines of staged text files. */
import { globMatcher, type Matcher } from '../diff/stats.js';
import type { BannedRule } from '../config/types.js';
import { messages } from '../messages.js';
import { excerpt, isAllowed } from './allow.js';
import { findSecrets, maskSecrets } from '../secrets/detect.js';
import { scopeOf, type Scope } from '../config/scope.js';
import type { Finding, Gate } from './gate.js';

interface CompiledRule {
  id: string;
  regex: RegExp;
  /** The rule's keywords: a line without any of them cannot match (null: test every line). */
  keywords: readonly string[] | null;
  /** Whether the rule applies to a file (its `files` globs, compiled on first use). */
  files: Matcher | null;
  message: string;
}

export function compileRules(rules: Record<string, BannedRule>, scope: 'diff' | 'commands'): CompiledRule[] {
  return Object.entries(rules)
    .filter(([, r]) => (r.scope ?? 'both') === 'both' || r.scope === scope)
    .map(([id, r]) => ({
      id,
      regex: new RegExp(r.pattern),
      keywords: r.keywords?.length ? r.keywords : null,
      files: r.files?.length ? lazyMatcher(r.files) : null,
      message: r.message ?? messages.bannedDefaultMessage(id),
    }));
}

function lazyMatcher(globs: readonly string[]): Matcher {
  let matcher: Matcher | undefined;
  return (file) => (matcher ??= globMatcher(globs))(file);
}

/** V8 compiles a regex on its first use (~1–2 ms for each default rule): skip lines without a keyword. */
export function mayMatch(rule: Pick<CompiledRule, 'keywords'>, text: string): boolean {
  return rule.keywords === null || rule.keywords.some((k) => text.includes(k));
}

export const bannedGate: Gate = {
  id: 'banned',
  phase: 'serial',
  applies: (ctx) => (ctx.scopes.every((s) => Object.keys(s.config.banned).length === 0) ? 'no banned rules configured' : true),
  async run(ctx) {
    const compiled = new Map<Scope, CompiledRule[]>();
    const rulesOf = (scope: Scope) => compiled.get(scope) ?? compiled.set(scope, compileRules(scope.config.banned, 'diff')).get(scope)!;
    const findings: Finding[] = [];
    for (const { file, added } of await ctx.change.addedLines()) {
      const scope = scopeOf(ctx.scopes, file.path);
      const relative = scope.dir ? file.path.slice(scope.dir.length + 1) : file.path;
      const applies = new Map<CompiledRule, boolean>();
      const appliesTo = (rule: CompiledRule) => applies.get(rule) ?? applies.set(rule, !rule.files || rule.files(relative)).get(rule)!;
      for (const line of added) {
        for (const rule of rulesOf(scope)) {
          if (!mayMatch(rule, line.text) || !appliesTo(rule) || !rule.regex.test(line.text) || isAllowed(line, rule.id)) continue;
          // A banned line may carry a credential (curl -H "Authorization: Bearer …" | sh): never show it.
          findings.push({ file: line.path, line: line.line, rule: rule.id, message: rule.message, excerpt: excerpt(maskSecrets(line.text, findSecrets(line.text))) });
        }
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
