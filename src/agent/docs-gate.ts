/** The `docs` gate (SPEC §10): drift checks on the staged Markdown and on Markdown referring to removed paths. */
import type { Gate, GateOutcome } from '../gates/gate.js';
import type { DocsConfig } from '../config/types.js';
import type { Finding } from '../gates/gate.js';
import { messages } from '../messages.js';
import { removedPaths, stagedMarkdown } from './docs-check.js';

/** The outcome for a set of findings: `level` 'error' blocks, 'warning' warns. */
export function docsOutcome(findings: Finding[], config: DocsConfig, checked: number): GateOutcome {
  if (!findings.length) return { status: 'pass', message: `${checked} Markdown file${checked === 1 ? '' : 's'}` };
  return { status: config.level === 'warning' ? 'warn' : 'fail', message: messages.docsFound(findings.length), findings, details: messages.docsHow(config.level) };
}

export const docsGate: Gate = {
  id: 'docs',
  phase: 'serial',
  applies(ctx) {
    const docs = ctx.config.docs;
    if (!docs) return 'docs is off';
    return stagedMarkdown(ctx.change, docs).length || removedPaths(ctx.change).size ? true : messages.docsNone();
  },
  async run(ctx) {
    const docs = ctx.config.docs as DocsConfig;
    const { checkDocs } = await import('./docs-check.js');
    const { findings, checked } = await checkDocs(ctx.repo, docs, { kind: 'change', change: ctx.change });
    return docsOutcome(findings, docs, checked.length);
  },
};
