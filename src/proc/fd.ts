/**
 * Output to a file descriptor without process.stdout / process.stderr: creating one of those streams
 * loads node:net and the stream machinery (a pipe or a terminal: 3–8 ms of a hook run, measured on
 * Node 20), for a report written once at the end of the run.
 */
import fs from 'node:fs';

/**
 * Writes all of `text`; on EAGAIN (a non-blocking pipe that is full) waits a millisecond and retries.
 * A Windows console gets the stream: it writes UTF-16 to the console, where raw UTF-8 bytes would
 * show `✓` in the console's code page.
 */
export function writeFd(fd: 1 | 2, text: string): void {
  if (process.platform === 'win32' && isTerminal(fd)) {
    (fd === 1 ? process.stdout : process.stderr).write(text);
    return;
  }
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) {
    try {
      done += fs.writeSync(fd, bytes, done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/**
 * Whether `fd` is a terminal, without node:tty (which loads node:net): a character device other than
 * /dev/null. Another character device (a serial line) counts as one, which is what it usually is.
 * Windows asks node:tty (its fstat says little about consoles).
 */
export function isTerminal(fd: number): boolean {
  if (process.platform === 'win32') return process.getBuiltinModule('node:tty').isatty(fd);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    const devNull = fs.statSync('/dev/null', { throwIfNoEntry: false });
    return !devNull || stat.rdev !== devNull.rdev;
  } catch {
    return false;
  }
}
