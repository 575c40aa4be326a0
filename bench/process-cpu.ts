import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system) spent so far by processes of this machine, read from Linux's
 * /proc/<pid>/stat: how a benchmark tells what each process of a run cost per operation, where
 * wall-clock rates only say that the machine was busy. Linux only; elsewhere every figure is
 * undefined and the benches print none.
 */

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), from field 3 on. */
const statFields = (pid: number): string[] | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
};

/** Milliseconds of CPU the process has used (user + system), or undefined if it is gone or this is not Linux. */
export const cpuMsOf = (pid: number): number | undefined => {
  const fields = statFields(pid);
  // Fields 14 and 15 of stat (utime, stime), in clock ticks; `fields` starts at field 3.
  return fields && ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
};

const commandOf = (pid: number): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** The first descendant of `ancestor` whose command is `command` (e.g. the JVM a stack started), if any. */
export const descendantNamed = (ancestor: number, command: string): number | undefined => {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return undefined;
  }
  const parentOf = new Map(pids.map((pid) => [pid, Number(statFields(pid)?.[1])]));
  const descends = (pid: number): boolean => {
    for (let parent = parentOf.get(pid); parent !== undefined && parent > 1; parent = parentOf.get(parent)) {
      if (parent === ancestor) return true;
    }
    return false;
  };
  return pids.find((pid) => commandOf(pid) === command && descends(pid));
};
