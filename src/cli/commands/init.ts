/** `spark-guard init [--dry-run] [--refresh] [--ci github]`: the agent-loop files (SPEC §10), never overwriting one. */
import fs from 'node:fs';
import path from 'node:path';
import { findRepo } from '../../git/repo.js';
import { loadConfig } from '../../config/load.js';
import { applyActions, type Action } from '../../install/actions.js';
import { SparkGuardError } from '../../errors.js';
import { messages } from '../../messages.js';
import {
  GUARDRAILS_END,
  GUARDRAILS_START,
  agentsTemplate,
  detectProject,
  guardrailsSection,
  planTemplate,
  progressTemplate,
  verifyTemplate,
  withGuardrails,
  workflowTemplate,
} from '../../agent/init.js';

export interface InitOptions {
  dryRun: boolean;
  refresh: boolean;
  ci?: string;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
}

export const WORKFLOW_FILE = '.github/workflows/spark-guard.yml';

export async function init(options: InitOptions): Promise<number> {
  if (options.ci !== undefined && options.ci !== 'github') throw new SparkGuardError('usage', messages.usage(`init --ci takes 'github' (got '${options.ci}').`));
  const repo = await findRepo(process.cwd());
  const { root } = repo;
  const loaded = await loadConfig(root, options.env);
  const detected = detectProject(root);
  const guardrails = guardrailsSection(loaded.config, loaded.file ? path.relative(root, loaded.file) : null);
  const today = new Date().toISOString().slice(0, 10);
  const actions: Action[] = [];
  const notes: string[] = [];
  const write = (file: string, text: string, describe: string) =>
    actions.push({
      describe,
      apply: () => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      },
    });
  const create = (file: string, text: () => string, what: string) => {
    if (fs.existsSync(path.join(root, file))) notes.push(messages.initExists(file));
    else write(file, text(), `create ${file} (${what})`);
  };

  const agentsPath = path.join(root, 'AGENTS.md');
  if (!fs.existsSync(agentsPath)) write('AGENTS.md', agentsTemplate(detected, guardrails), 'create AGENTS.md (layout, commands, conventions, gotchas, the loop, Guardrails)');
  else {
    const text = fs.readFileSync(agentsPath, 'utf8');
    const updated = withGuardrails(text, guardrails);
    const hasMarkers = text.includes(GUARDRAILS_START) && text.includes(GUARDRAILS_END);
    if (updated === text) notes.push('AGENTS.md exists; its Guardrails section is up to date');
    else if (options.refresh) write('AGENTS.md', updated, hasMarkers ? 'rewrite the Guardrails section of AGENTS.md (between its markers)' : 'append a Guardrails section to AGENTS.md');
    else notes.push(hasMarkers ? 'AGENTS.md exists; its Guardrails section differs from the config: `spark-guard init --refresh` rewrites it' : 'AGENTS.md exists without a Guardrails section: `spark-guard init --refresh` appends one');
  }
  create('PLAN.md', planTemplate, 'checklist and definition of done');
  create('PROGRESS.md', () => progressTemplate(today), 'dated running log');
  create('VERIFY.md', () => verifyTemplate(detected), detected.verify.length ? `runs ${detected.verify.join(', ')}` : 'no command detected: add yours');
  if (options.ci === 'github') create(WORKFLOW_FILE, () => workflowTemplate(detected), 'check --base and docs --all on pull requests');

  for (const note of notes) options.out(`- ${note}`);
  return applyActions(actions, options, {
    nothing: 'init: nothing to do, every file is in place.',
    done: () => undefined,
    finished: 'init: done. Fill in the prompts (<!-- … -->), commit the files, and see README → "Running an agent loop with spark-guard".',
  });
}
