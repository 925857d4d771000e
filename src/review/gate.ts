/**
 * The `review` gate: one model call per change (or a cached answer), judged by blockOn / onUnavailable.
 * Its verdict goes to the report's own `review` field (SPEC §7), not through the shared gate result:
 * each run builds its own gate, which keeps the verdict for the pipeline to read (`summary`).
 */
import type { ReviewConfig } from '../config/types.js';
import type { Finding, Gate, GateContext, GateOutcome } from '../gates/gate.js';
import { debug } from '../debug.js';
import { messages } from '../messages.js';
import type { ReviewFinding, ReviewSummary } from '../report/report.js';
import { resolveEndpoint } from './endpoint.js';
import type { ReviewAnswer } from './schema.js';

export interface ReviewGate extends Gate {
  /** The model's verdict once the gate has judged one (a cached answer too); null until then. */
  summary: ReviewSummary | null;
}

export function createReviewGate(): ReviewGate {
  const gate: ReviewGate = {
    summary: null,
    id: 'review',
    phase: 'concurrent',
    unpooled: true,
    applies(ctx) {
      if (!ctx.config.review.enabled) return 'review.enabled is false';
      return ctx.change.files.length ? true : 'nothing to review';
    },
    async run(ctx, signal) {
      const review = ctx.config.review;
      const endpoint = resolveEndpoint(review, ctx.env);
      if (endpoint.missingKey) return unavailable(review, messages.reviewNoKey(endpoint.missingKey));
      // The prompt builder and the answer cache load only when a review runs (like the client).
      const [{ callModel, ReviewUnavailable }, { buildPrompt }, { readCachedAnswer, writeCachedAnswer }] = await Promise.all([
        import('./client.js'),
        import('./prompt.js'),
        import('./cache.js'),
      ]);
      debug('time', 'review client loaded');
      const patch = await ctx.change.reviewPatch();
      debug('time', 'review patch read');
      const prompt = buildPrompt({
        patch,
        files: ctx.change.files,
        // The message is not the change (and pre-commit judges it only for -m): a commit retried
        // with a better message reuses the answer.
        gates: (ctx.results ?? []).filter((g) => g.name !== 'message'),
        message: ctx.message,
        review,
        ignore: ctx.config.diff.ignore,
      });
      debug('time', 'review prompt built');
      let answer = readCachedAnswer(ctx.repo, prompt.digest);
      const cached = answer !== null;
      if (!answer) {
        try {
          answer = await callModel({ review, endpoint, system: prompt.system, user: prompt.user, signal });
        } catch (error) {
          if (signal.aborted) throw signal.reason;
          if (error instanceof ReviewUnavailable) return unavailable(review, error.message);
          throw error;
        }
        debug('time', 'review answered');
        writeCachedAnswer(ctx.repo, prompt.digest, answer);
      }
      const { outcome, summary } = judge(ctx, answer, cached, prompt.leftOut);
      gate.summary = summary;
      return outcome;
    },
  };
  return gate;
}

export function isReviewGate(gate: Gate): gate is ReviewGate {
  return gate.id === 'review' && 'summary' in gate;
}

function unavailable(review: ReviewConfig, reason: string): GateOutcome {
  const status = review.onUnavailable === 'block' ? 'fail' : 'warn';
  return { status, message: messages.reviewUnavailable(reason), details: status === 'fail' ? messages.reviewUnavailableBlocks() : undefined };
}

function judge(ctx: GateContext, answer: ReviewAnswer, cached: boolean, leftOut: string[]): { outcome: GateOutcome; summary: ReviewSummary } {
  const inDiff = new Set(ctx.change.files.flatMap((f) => [f.path, f.oldPath].filter(Boolean) as string[]));
  const kept = answer.findings.filter((f) => inDiff.has(f.file.replace(/^\.\//, '')));
  const summary: ReviewSummary = { verdict: answer.verdict, summary: answer.summary, findings: kept, model: ctx.config.review.model };
  const findings: Finding[] = kept.map(toFinding);
  const blocking = blocks(ctx.config.review.blockOn, answer.verdict, kept);
  const counts = `${answer.verdict}${kept.length ? ` · ${messages.count(kept.length, 'finding', 'findings')}` : ''}${cached ? ' (cached)' : ''}`;
  const note = leftOut.length ? messages.reviewLeftOut(leftOut.length) : '';
  const outcome: GateOutcome = {
    status: blocking ? 'fail' : kept.some((f) => f.severity !== 'info') ? 'warn' : 'pass',
    message: counts,
    findings,
    details: [blocking ? messages.reviewBlocks(ctx.config.review.blockOn) : '', note].filter(Boolean).join('\n') || undefined,
  };
  return { outcome, summary };
}

export function blocks(blockOn: ReviewConfig['blockOn'], verdict: ReviewAnswer['verdict'], findings: ReviewFinding[]): boolean {
  if (blockOn === 'never') return false;
  if (verdict === 'blocked' || findings.some((f) => f.severity === 'error')) return true;
  return blockOn === 'warning' && (verdict === 'needs_work' || findings.some((f) => f.severity === 'warning'));
}

function toFinding(f: ReviewFinding): Finding {
  return { file: f.file, line: f.line, rule: `review.${f.severity}`, message: f.detail ? `${f.title} — ${f.detail}` : f.title };
}
