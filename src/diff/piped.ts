/**
 * The staged change bin/spark-guard-pre-commit (POSIX sh) had git write to this process's stdin
 * while Node was starting: git's output, then `\0spark-guard:git-exit:<status>\n`. With it, a common
 * commit starts no process from Node (node:child_process and a spawn cost ~15-20 ms of a commit).
 * Anything but a complete output of a git that exited 0 answers null, and the caller runs git.
 */
import fs from 'node:fs';

export const PIPED_DIFF_ENV = 'SPARK_GUARD_STAGED_DIFF';
const TRAILER = /\0spark-guard:git-exit:(\d+)\n$/;

/**
 * Starts reading the piped change when the shim says there is one. The variable is removed at once:
 * a gate's command, lint-staged or a nested commit must not take its own stdin for a diff.
 */
export function takePipedDiff(env: NodeJS.ProcessEnv): Promise<Buffer | null> | null {
  if (env[PIPED_DIFF_ENV] === undefined) return null;
  const wanted = env[PIPED_DIFF_ENV] === 'stdin';
  delete env[PIPED_DIFF_ENV];
  delete process.env[PIPED_DIFF_ENV];
  if (!wanted || !pipedIn()) return null;
  return readAll(0).then(stripTrailer, () => null);
}

/** A pipe, socket or file; not a terminal (the variable set by hand): it would wait for an end that never comes. */
function pipedIn(): boolean {
  try {
    const stat = fs.fstatSync(0);
    return stat.isFIFO() || stat.isSocket() || stat.isFile();
  } catch {
    return false;
  }
}

function stripTrailer(output: Buffer): Buffer | null {
  const tail = output.toString('latin1', Math.max(0, output.length - 40));
  const match = TRAILER.exec(tail);
  return match && match[1] === '0' ? output.subarray(0, output.length - (tail.length - match.index)) : null;
}

/**
 * Reads a file descriptor to its end on libuv's thread pool (no stream machinery to load), into one
 * buffer that doubles when full: a pipe hands over a few KiB a read, and a chunk each would cost a
 * 64 KiB allocation per read.
 */
function readAll(fd: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.allocUnsafe(65536);
    let length = 0;
    const next = () => {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      fs.read(fd, buffer, length, buffer.length - length, null, (error, n) => {
        if (error) reject(error);
        else if (n === 0) resolve(buffer.subarray(0, length));
        else {
          length += n;
          next();
        }
      });
    };
    next();
  });
}
