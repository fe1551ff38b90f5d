/**
 * Peak resident set size of a child process from Linux's `/proc/<pid>/status` (`VmHWM`), reset
 * by writing 5 to `/proc/<pid>/clear_refs`, so a peak covers exactly the runs in between. NaN
 * where /proc is not there or not ours to write.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Starts a new peak-RSS window for `pid`; false when the kernel does not allow it. */
export function resetPeakRss(pid: number | undefined): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The peak RSS of `pid` since start or the last reset, in bytes (NaN when unknown). */
export function peakRssBytes(pid: number | undefined): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) * 1024;
  } catch {
    return Number.NaN;
  }
}
