/** Whether processes still run: a zombie (killed, not yet reaped — containers often have no init that reaps) runs nothing and holds nothing. */
import fs from 'node:fs';

/** State and process group from /proc/<pid>/stat (Linux), or null when it cannot be read. */
function procStat(pid: number | string): { state: string; pgrp: number } | null {
  try {
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses: read after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state!, pgrp: Number(pgrp) };
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
