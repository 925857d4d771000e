/**
 * Credential shapes (SPEC §4.4), shared by the secrets gate (find and mask) and the review (redact).
 * Pure and dependency-free; a cheap keyword pre-check keeps 100,000-line diffs fast.
 */
export interface SecretMatch {
  rule: string;
  label: string;
  /** [start, end) of the value within the line. */
  start: number;
  end: number;
}

interface Shape {
  rule: string;
  label: string;
  /** Group 1, when present, is the value; otherwise the whole match. */
  regex: RegExp;
}

const SHAPES: Shape[] = [
  { rule: 'private-key', label: 'private key', regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { rule: 'aws-access-key', label: 'AWS access key id', regex: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b/g },
  { rule: 'aws-secret-key', label: 'AWS secret access key', regex: /aws_?secret_?(?:access_?)?key\w*["']?\s*(?:=|:|=>)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi },
  { rule: 'github-token', label: 'GitHub token', regex: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g },
  { rule: 'openai-key', label: 'OpenAI API key', regex: /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g },
  { rule: 'slack-token', label: 'Slack token', regex: /\b(xox[baprs]-[A-Za-z0-9-]{10,250})\b/g },
  { rule: 'slack-webhook', label: 'Slack webhook URL', regex: /(hooks\.slack\.com\/services\/T[A-Za-z0-9_]{6,}\/B[A-Za-z0-9_]{6,}\/[A-Za-z0-9_]{20,})/g },
  { rule: 'stripe-key', label: 'Stripe secret key', regex: /\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,247})\b/g },
  { rule: 'google-api-key', label: 'Google API key', regex: /\b(AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/g },
  { rule: 'jwt', label: 'JSON Web Token', regex: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,})(?![A-Za-z0-9_-])/g },
  {
    rule: 'generic-assignment',
    label: 'hard-coded secret',
    regex: /(?:^|[^A-Za-z0-9])(?:[A-Za-z0-9_-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?))["']?\s*(?::=|=>|=|:)\s*(["'`])([^"'`\s]{8,})\1/gi,
  },
  {
    rule: 'generic-assignment',
    label: 'hard-coded secret',
    regex: /^\s*(?:export\s+)?[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY)[A-Z0-9_]*=([^\s"'`$#][^\s#]{7,})\s*$/g,
  },
];

const KEYWORDS = /PRIVATE KEY|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|sk-|xox|hooks\.slack|_live_|_test_|AIza|eyJ|pass|pwd|secret|token|key|credential/i;

const PLACEHOLDER = /^(?:x+|\*+|\.+|<[^>]*>|\$\{?\{?[^}]*\}?\}?|%\w+%?|(?:your|my)[-_ ]\S*|.*(?:example|sample|placeholder|changeme|change[-_]me|dummy|fake|redacted|replace|insert|xxxx|\*\*\*\*|\.\.\.|todo|fixme|here).*|test|testing|password\d*|secret\d*|token\d*)$/i;

/** False when findSecrets(line) is certainly empty. */
export function mayContainSecret(line: string): boolean {
  return KEYWORDS.test(line);
}

function looksReal(value: string): boolean {
  if (PLACEHOLDER.test(value)) return false;
  if (/^(sk-|xox.-)?[xX*._-]+$/.test(value.replace(/^(sk|rk)_(live|test)_/, ''))) return false;
  if (/(.)\1{7,}/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= 2 || value.length >= 16;
}

/** Values that are look-ups, not literals: process.env.X, os.environ[...], ${{ secrets.X }}, $VAR. */
function isLookup(value: string): boolean {
  return /^\$|process\.env|os\.environ|getenv|secrets\.|\{\{/.test(value);
}

export function findSecrets(line: string): SecretMatch[] {
  if (!mayContainSecret(line)) return [];
  const found: SecretMatch[] = [];
  for (const shape of SHAPES) {
    shape.regex.lastIndex = 0;
    for (let m = shape.regex.exec(line); m; m = shape.regex.exec(line)) {
      const value = m[m.length - 1] ?? m[0];
      const start = m.index + m[0].lastIndexOf(value);
      const end = start + value.length;
      if (m[0].length === 0) shape.regex.lastIndex++;
      if (shape.rule !== 'private-key' && (!looksReal(value) || isLookup(value))) continue;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ rule: shape.rule, label: shape.label, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The line with each value masked: at most its first 4 characters, then ****. */
export function maskSecrets(line: string, matches: readonly SecretMatch[]): string {
  let out = '';
  let at = 0;
  for (const m of [...matches].sort((a, b) => a.start - b.start)) {
    const keep = m.rule === 'private-key' ? m.end - m.start : Math.min(4, Math.floor((m.end - m.start) / 4));
    out += line.slice(at, m.start) + line.slice(m.start, m.start + keep) + (m.rule === 'private-key' ? '' : '****');
    at = m.end;
  }
  return out + line.slice(at);
}

const BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g;

/** Every secret in a text replaced by [REDACTED]; whole private-key blocks included. */
export function redactSecrets(text: string): string {
  const noBlocks = text.replace(BLOCK, '[REDACTED]');
  return noBlocks
    .split('\n')
    .map((line) => {
      const matches = findSecrets(line);
      if (matches.length === 0) return line;
      let out = '';
      let at = 0;
      for (const m of matches) {
        out += `${line.slice(at, m.start)}[REDACTED]`;
        at = m.end;
      }
      return out + line.slice(at);
    })
    .join('\n');
}
