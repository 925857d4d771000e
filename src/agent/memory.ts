/**
 * SPEC §10 `memory`: an agent's durable memory is its progress log and its plan. A commit that
 * changes files matching `requireOnChange` must also change the progress file; a commit may tick
 * at most `maxPlanItems` checklist items of the plan (`- [ ]` → `- [x]`): one item per iteration.
 */
import type { Gate, GateOutcome, Finding } from '../gates/gate.js';
import type { ChangedFile } from '../diff/model.js';
import { globMatcher } from '../diff/stats.js';
import { git } from '../git/exec.js';
import { looseBlob, objectsDir } from '../git/loose.js';
import type { Repo } from '../git/repo.js';
import { messages } from '../messages.js';

const ZERO = /^0+$/;

/** Checklist items by their text, with whether each is ticked. */
export function checklist(text: string): Map<string, boolean> {
  const items = new Map<string, boolean>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s+(.*?)\s*$/.exec(line);
    if (m) items.set(m[2]!, m[1] !== ' ' || items.get(m[2]!) === true);
  }
  return items;
}

/** Items ticked in `after` that were not ticked in `before` (new items that arrive ticked count too). */
export function tickedItems(before: string, after: string): string[] {
  const old = checklist(before);
  return [...checklist(after)].filter(([text, done]) => done && old.get(text) !== true).map(([text]) => text);
}

/** From its loose object when it is one (a file just staged is), else from git. */
async function blobText(repo: Repo, blob: string): Promise<string> {
  if (ZERO.test(blob)) return '';
  const loose = looseBlob(objectsDir(repo, process.env), blob);
  if (loose) return loose.toString('utf8');
  const r = await git(['cat-file', 'blob', blob], { cwd: repo.root, allowFailure: true });
  return r.code === 0 ? r.stdout.toString('utf8') : '';
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const strip = (p: string) => p.replace(/^\.\//, '');

export const memoryGate: Gate = {
  id: 'memory',
  phase: 'serial',
  applies(ctx) {
    if (!ctx.config.memory) return 'memory is off';
    return ctx.change.files.length ? true : 'nothing staged';
  },
  async run(ctx): Promise<GateOutcome> {
    const memory = ctx.config.memory;
    if (!memory) return { status: 'skip', message: 'memory is off' };
    const progress = strip(memory.progress);
    const plan = strip(memory.plan);
    const findings: Finding[] = [];
    const details: string[] = [];
    const touches = (f: ChangedFile, p: string) => f.path === p || f.oldPath === p;

    const needsLog = globMatcher(memory.requireOnChange);
    const changed = ctx.change.files.filter((f) => !touches(f, progress) && !touches(f, plan) && (needsLog(f.path) || (f.oldPath !== undefined && needsLog(f.oldPath))));
    const logged = ctx.change.files.some((f) => f.path === progress && f.status !== 'D');
    if (changed.length && !logged) {
      const paths = changed.map((f) => f.path);
      findings.push({ file: progress, line: null, rule: 'memory.progress', message: messages.memoryNoProgress(progress, paths) });
      details.push(messages.memoryHowToLog(progress, today()));
    }

    const planFile = memory.maxPlanItems === false ? undefined : ctx.change.files.find((f) => f.path === plan && f.status !== 'D');
    if (planFile && memory.maxPlanItems !== false) {
      const [before, after] = await Promise.all([blobText(ctx.repo, planFile.oldBlob), blobText(ctx.repo, planFile.newBlob)]);
      const ticked = tickedItems(before, after);
      if (ticked.length > memory.maxPlanItems) {
        findings.push({ file: plan, line: null, rule: 'memory.maxPlanItems', message: `${messages.memoryTooManyItems(plan, ticked.length, memory.maxPlanItems)}: ${ticked.map((t) => `"${t}"`).join(', ')}` });
        details.push(messages.memoryHowToSplit(plan));
      }
    }
    if (!findings.length) return { status: 'pass', message: '' };
    return { status: 'fail', message: findings.map((f) => f.message.split(':')[0]).join('; '), findings, details: details.join('\n') };
  },
};
