import { readFile } from 'node:fs/promises';

/** Linux clock ticks per second (USER_HZ): 100 on every mainstream kernel build. */
const TICKS_PER_S = 100;

/**
 * CPU time (user + system) a Linux process has used so far, ms, from /proc/<pid>/stat; `null` when it is gone.
 * Differences between two readings give the CPU a piece of work cost, which stays meaningful on a busy machine where
 * latencies do not.
 */
export async function readProcessCpuMs(pid: number): Promise<number | null> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}
