/** Whether processes still run: a zombie (killed, not yet reaped — containers often have no init that reaps) runs nothing and holds nothing. */
import fs from 'node:fs';

/** A process as /proc/<pid>/stat tells it (Linux), or null when it cannot be read. */
export function procStat(pid: number | string): { comm: string; state: string; ppid: number; pgrp: number; start: string } | null {
  try {
    // pid (comm) state ppid pgrp … starttime (field 22) …; comm may hold spaces and parentheses,
    // so the fields are read after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), state: fields[0]!, ppid: Number(fields[1]), pgrp: Number(fields[2]), start: fields[19]! };
  } catch {
    return null;
  }
}

/** Whether a process still runs (and holds what it locked). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procStat(pid)?.state !== 'Z';
}

/** Whether a process of the group `pgid` still runs. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return true; // no /proc: trust kill()
  }
  return entries.some((pid) => {
    const stat = procStat(pid);
    return stat !== null && stat.pgrp === pgid && stat.state !== 'Z';
  });
}
