/**
 * The hot-path git runner: one spawned `git`, output collected as Buffers (no maxBuffer limit).
 * simple-git is used off the hot path (install, doctor); its import alone costs ~13 ms per commit.
 */
import { SparkGuardError } from '../errors.js';
import { messages } from '../messages.js';
import { debug } from '../debug.js';
import { childProcess } from '../lazy.js';

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

export interface GitOptions {
  cwd: string;
  /** stdin; a promise lets git start (~5 ms) while its input is still being worked out. */
  input?: string | Buffer | Promise<string | Buffer>;
  env?: NodeJS.ProcessEnv;
  /** Resolve with the exit code instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
}

export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  debug('git', args.join(' '));
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new SparkGuardError('env', messages.gitMissing()) : error);
    });
    child.on('close', (code) => {
      debug('git', 'exit', code, args.find((a) => !a.startsWith('-') && !a.includes('=')));
      const result = { stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new SparkGuardError('env', messages.gitFailed(args.join(' '), result.stderr)));
      } else resolve(result);
    });
    // git may exit before reading all of its input (a failure): EPIPE is its exit code's business.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) {
      Promise.resolve(options.input).then(
        (input) => child.stdin!.end(input),
        () => child.stdin!.end(),
      );
    }
  });
}

/** git output as text, without the trailing newline. */
export async function gitText(args: readonly string[], options: GitOptions): Promise<string> {
  const { stdout } = await git(args, options);
  return stdout.toString('utf8').replace(/\n$/, '');
}
