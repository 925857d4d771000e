/** Gate 2, `files`: may this change create, delete or touch these paths, and are the blobs small enough? */
import { globMatcher } from '../diff/stats.js';
import { messages } from '../messages.js';
import { scopeOf } from '../config/scope.js';
import type { FilesConfig } from '../config/types.js';
import type { Finding, Gate } from './gate.js';
import { mergeInProgress } from './diff.js';

export const filesGate: Gate = {
  id: 'files',
  phase: 'serial',
  applies: (ctx) => (ctx.change.files.length === 0 ? 'no files changed' : true),
  async run(ctx) {
    const protectors = new Map<FilesConfig, (p: string) => boolean>();
    const rulesFor = (file: string) => {
      const files = scopeOf(ctx.scopes, file).config.files;
      if (!protectors.has(files)) protectors.set(files, globMatcher(files.protect));
      return { ...files, isProtected: protectors.get(files)! };
    };
    const findings: Finding[] = [];
    const merging = mergeInProgress(ctx); // the branch's own commits created and deleted its files
    for (const f of ctx.change.files) {
      const { isProtected } = rulesFor(f.path);
      const allowCreate = merging || rulesFor(f.path).allowCreate;
      const allowDelete = merging || rulesFor(f.path).allowDelete;
      if (!allowCreate && (f.status === 'A' || f.status === 'C')) {
        findings.push({ file: f.path, line: null, rule: 'files.allowCreate', message: messages.fileCreated() });
      }
      if (!allowDelete && f.status === 'D') {
        findings.push({ file: f.path, line: null, rule: 'files.allowDelete', message: messages.fileDeleted() });
      }
      const touched = [f.path, f.oldPath].filter((p): p is string => p !== undefined);
      const hit = touched.find(isProtected);
      if (hit) findings.push({ file: hit, line: null, rule: 'files.protect', message: messages.fileProtected(f.status) });
    }
    if (ctx.scopes.some((s) => s.config.files.maxFileKb !== false)) {
      for (const [file, bytes] of await ctx.change.blobSizes()) {
        const { maxFileKb } = rulesFor(file);
        if (maxFileKb !== false && bytes > maxFileKb * 1024) {
          findings.push({ file, line: null, rule: 'files.maxFileKb', message: messages.fileTooLarge(bytes, maxFileKb) });
        }
      }
    }
    if (findings.length === 0) return { status: 'pass', message: '' };
    return {
      status: 'fail',
      message: messages.count(findings.length, 'file rule broken', 'file rules broken'),
      findings,
      // Judging commits (check --base/--range): there is nothing staged to restore.
      details: (ctx.workspace ? messages.filesHowToFix : messages.filesHowToFixCommitted)([...new Set(findings.map((f) => f.rule))], ctx.configFile),
    };
  },
};
