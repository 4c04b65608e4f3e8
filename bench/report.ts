// What every benchmark prints around its figures: the machine, the load, plain-text tables, and
// how the script ends (exit code, children stopped on failure or Ctrl-C).
import fs from 'node:fs';
import os from 'node:os';

/** Columns padded to their widest cell; the first `leftColumns` left-aligned, the rest right-aligned. */
export function table(rows: string[][], leftColumns = 1): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function machine(): string {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return `${os.availableParallelism()} CPUs (${model.trim()}), Node ${process.version}, ${os.type()} ${os.release()}`;
}

/** 1, 5 and 15 minute load average: other processes on the machine skew the figures. */
export const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

/**
 * Runs a benchmark's main: its result is the exit code (1 = the figures are not valid). On a crash
 * or Ctrl-C, `abort` stops what the benchmark started (load generators, browsers, servers) so the
 * `finally` blocks can drop the throwaway databases; after `graceMs` the process exits regardless.
 */
export function runMain(main: () => Promise<number>, abort: () => void, graceMs = 10_000): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('benchmark failed:', error instanceof Error ? error.stack ?? error.message : error);
      abort();
      process.exitCode = 1;
    },
  );
  process.once('SIGINT', () => {
    abort();
    setTimeout(() => process.exit(130), graceMs).unref();
  });
}
