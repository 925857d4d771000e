/**
 * The review's answer (SPEC §5): the JSON schema sent as the structured output, and the validator
 * of what comes back. Strict-mode safe for OpenAI and Cerebras: every property required,
 * additionalProperties false, and the nullable `line` as an anyOf rather than a type array.
 */
import type { ReviewFinding } from '../report/report.js';

export interface ReviewAnswer {
  verdict: 'ready' | 'needs_work' | 'blocked';
  summary: string;
  findings: ReviewFinding[];
}

export const SCHEMA_NAME = 'spark_guard_review';

export const answerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict', 'summary', 'findings'],
  properties: {
    verdict: { type: 'string', enum: ['ready', 'needs_work', 'blocked'] },
    summary: { type: 'string' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['severity', 'file', 'line', 'title', 'detail'],
        properties: {
          severity: { type: 'string', enum: ['error', 'warning', 'info'] },
          file: { type: 'string' },
          line: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
          title: { type: 'string' },
          detail: { type: 'string' },
        },
      },
    },
  },
} as const;

/** Parses and checks a reply; throws an Error whose message is the one-line reason. */
export function parseAnswer(text: string): ReviewAnswer {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`the answer is not JSON (${text.length} characters: ${JSON.stringify(text.slice(0, 40))})`);
  }
  const a = data as Record<string, unknown>;
  if (!a || typeof a !== 'object') throw new Error('the answer is not a JSON object');
  if (!['ready', 'needs_work', 'blocked'].includes(a.verdict as string)) throw new Error(`the answer has no valid verdict (got ${JSON.stringify(a.verdict)})`);
  if (typeof a.summary !== 'string') throw new Error('the answer has no summary');
  if (!Array.isArray(a.findings)) throw new Error('the answer has no findings array');
  const findings = a.findings.map((f, i) => checkFinding(f, i));
  return { verdict: a.verdict as ReviewAnswer['verdict'], summary: a.summary, findings };
}

function checkFinding(value: unknown, index: number): ReviewFinding {
  const f = value as Record<string, unknown>;
  const bad = (what: string) => new Error(`finding ${index + 1} of the answer has ${what}`);
  if (!f || typeof f !== 'object') throw bad('the wrong shape');
  if (!['error', 'warning', 'info'].includes(f.severity as string)) throw bad('no valid severity');
  if (typeof f.file !== 'string') throw bad('no file');
  const line = f.line === undefined || f.line === null ? null : Number(f.line);
  if (line !== null && (!Number.isInteger(line) || line < 0)) throw bad('an invalid line');
  if (typeof f.title !== 'string' || typeof f.detail !== 'string') throw bad('no title or detail');
  return { severity: f.severity as ReviewFinding['severity'], file: f.file, line, title: f.title, detail: f.detail };
}
