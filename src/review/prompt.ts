/**
 * Builds the review request from the staged patch: filtered (review.exclude, lockfiles, binaries),
 * secrets redacted, framed as data behind a delimiter the diff cannot contain, and fitted to
 * maxDiffTokens by keeping whole hunks, source before tests before docs and generated files.
 * Pure: same input, same request.
 */
import type { ChangedFile } from '../diff/model.js';
import { globMatcher } from '../diff/stats.js';
import type { GateResult } from '../gates/gate.js';
import type { ReviewConfig } from '../config/types.js';
import { redactSecrets } from '../secrets/detect.js';
import { PROMPT_VERSION, systemPrompt } from './system-prompt.js';
import { nodeCrypto } from '../lazy.js';
import { byCodeUnit } from '../text.js';
import { sectionPath } from '../diff/header.js';

export interface PromptInput {
  /** `git diff --cached` output; each section is paired with the file its header names. */
  patch: string;
  files: readonly ChangedFile[];
  gates: readonly GateResult[];
  message?: string;
  review: ReviewConfig;
  /** diff.ignore: lockfiles and snapshots are not sent. */
  ignore: readonly string[];
}

export interface Prompt {
  system: string;
  user: string;
  /** Estimated tokens of system + user. */
  tokens: number;
  /** Human notes of what was not sent. */
  leftOut: string[];
  /** Stable digest of everything that decides the answer (cache key material). */
  digest: string;
}

/** A deliberately pessimistic estimate: 1 token per 3 characters. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}

interface Section {
  file: ChangedFile;
  header: string;
  hunks: string[];
  rank: number;
}

const TEST = /(^|\/)(test|tests|__tests__|spec|e2e|fixtures?)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$/;
const LOW = /(^|\/)(dist|build|vendor|generated|__generated__|coverage)\/|\.min\.(js|css)$|\.map$|\.(md|mdx|txt|rst)$|(^|\/)CHANGELOG/i;

function rankOf(path: string): number {
  if (LOW.test(path)) return 2;
  if (TEST.test(path)) return 1;
  return 0;
}

/**
 * Each section with the file its own header names: the patch is read after lint-staged may have
 * rewritten the index (a fix can empty one file's staged diff), so positions in `files` may not
 * match. A section naming no listed file is left out.
 */
export function splitSections(patch: string, files: readonly ChangedFile[]): Section[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const parts = patch.split(/^(?=diff --git )/m).filter((p) => p.startsWith('diff --git '));
  return parts.flatMap((part) => {
    const [header, ...hunks] = part.split(/^(?=@@ )/m);
    const name = sectionPath(header!);
    const file = name === null ? undefined : byPath.get(name);
    if (!file) return [];
    return [{ file, header: header!, hunks, rank: rankOf(file.path) }];
  });
}

export function buildPrompt(input: PromptInput): Prompt {
  const excluded = globMatcher([...input.review.exclude, ...input.ignore]);
  const leftOut: string[] = [];
  const sections = splitSections(input.patch, input.files).filter((s) => {
    if (s.file.binary || s.file.submodule) return false;
    if (excluded(s.file.path)) {
      leftOut.push(`${s.file.path} (excluded)`);
      return false;
    }
    return true;
  });
  // A digest of the patch itself: diff content cannot contain (and so cannot close) its own digest.
  const delimiter = `SPARK-GUARD-DATA-${nodeCrypto().createHash('sha256').update(input.patch).digest('hex').slice(0, 24)}`;
  const system = systemPrompt(delimiter);
  // Every part counts against maxDiffTokens: the head (rules, message, file list, gate results) gets
  // at most half, the note of what was left out at most LEFT_OUT_TOKENS, the hunks the rest.
  const head = cut(headOf(input), Math.floor(input.review.maxDiffTokens / 2));
  const budget = input.review.maxDiffTokens - estimateTokens(system) - estimateTokens(head) - LEFT_OUT_TOKENS - 100;
  const body = fitHunks(sections, budget, leftOut);
  const user = [
    head,
    leftOut.length ? cut(`Left out of the diff below: ${leftOut.slice(0, 30).join('; ')}${leftOut.length > 30 ? `; and ${leftOut.length - 30} more` : ''}.`, LEFT_OUT_TOKENS) : '',
    `BEGIN ${delimiter}`,
    body,
    `END ${delimiter}`,
  ]
    .filter(Boolean)
    .join('\n');
  const digest = nodeCrypto()
    .createHash('sha256')
    .update(JSON.stringify({ v: PROMPT_VERSION, user, model: input.review.model, instructions: input.review.instructions }))
    .digest('hex');
  return { system, user, tokens: estimateTokens(system) + estimateTokens(user), leftOut, digest };
}

const LEFT_OUT_TOKENS = 300;

/** Text cut to an estimated token count, saying so. */
function cut(text: string, tokens: number): string {
  const max = Math.max(0, tokens * 3 - 20);
  return text.length <= max ? text : `${text.slice(0, max)} … [cut to fit review.maxDiffTokens]`;
}

function headOf(input: PromptInput): string {
  const list = input.files.slice(0, 100).map((f) => `- ${f.path} (${f.status}${f.binary ? ', binary' : `, +${f.added} -${f.deleted}`})`);
  if (input.files.length > 100) list.push(`- … and ${input.files.length - 100} more files`);
  const gates = input.gates.map((g) => `- ${g.name}: ${g.status}${g.message ? ` (${g.message})` : ''}`);
  return [
    input.review.instructions ? `Project rules for this review:\n${input.review.instructions}` : '',
    input.message ? `Commit message:\n${input.message}` : '',
    `Files in the change:\n${list.join('\n')}`,
    gates.length ? `Deterministic checks so far:\n${gates.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Whole hunks, best-ranked files first, until the budget is spent; notes what did not fit. */
function fitHunks(sections: Section[], budget: number, leftOut: string[]): string {
  const order = [...sections].sort((a, b) => a.rank - b.rank || byCodeUnit(a.file.path, b.file.path));
  let used = 0;
  const kept = new Map<Section, string[]>();
  for (const s of order) {
    const header = redactSecrets(s.header);
    const headerCost = estimateTokens(header);
    const hunks: string[] = [];
    let dropped = 0;
    for (const hunk of s.hunks) {
      // Sized before redaction (which changes the length by a few characters at most, inside the
      // margin), so that hunks that do not fit are never scanned.
      const cost = estimateTokens(hunk) + (hunks.length === 0 ? headerCost : 0);
      if (used + cost > budget) {
        dropped += 1;
        continue;
      }
      used += cost;
      hunks.push(redactSecrets(hunk));
    }
    if (hunks.length) kept.set(s, [header, ...hunks]);
    if (dropped) leftOut.push(`${s.file.path}: ${dropped} of ${s.hunks.length} hunk${s.hunks.length === 1 ? '' : 's'} (size)`);
  }
  return sections.flatMap((s) => kept.get(s) ?? []).join('');
}
