// The server as an operator runs it: `node src/main.ts` in a child process, with a real port and
// real signals, for tests that stop it the hard way (SIGKILL) or watch it survive an outage.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Waits until the output matches `pattern`; fails if the process exits first. */
  ready(pattern?: RegExp, timeoutMs?: number): Promise<void>;
  /** Everything it printed on stdout and stderr so far. */
  output(): string;
  /** Ends it with SIGKILL if it still runs and waits for the exit. */
  kill(): Promise<void>;
}

export function startServerProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    async ready(pattern = /LabCamp is running at/, timeoutMs = 60_000) {
      const start = Date.now();
      while (!pattern.test(output)) {
        if (Date.now() - start > timeoutMs) throw new Error(`server did not print ${pattern} within ${timeoutMs} ms:\n${output}`);
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
