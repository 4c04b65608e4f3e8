// The load generator of bench/registration-burst.bench.ts, run in a child process so it does not
// share the server's event loop: autocannon POSTing the same url-encoded body with a fresh e-mail
// address per request. Imports nothing of the app. Prints autocannon's summary as one JSON line.
//
//   node --import tsx bench/registration-burst.load.ts '<LoadSpec as JSON>'
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  /** The url-encoded body; EMAIL_PLACEHOLDER is replaced by a fresh address per request. */
  body: string;
  emailPrefix: string;
}

export const EMAIL_PLACEHOLDER = '__EMAIL__';

/** autocannon's result (only what we read). */
export interface AutocannonResult {
  requests: { mean: number; stddev: number; total: number };
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}

async function run(spec: LoadSpec): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
  const [before, after] = spec.body.split(EMAIL_PLACEHOLDER) as [string, string | undefined];
  let n = 0;
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    connections: spec.connections,
    duration: spec.duration,
    headers: spec.headers,
    body: spec.body,
    requests: [{
      // Called for every request: a new address, so every form post is a new registration.
      setupRequest: (request: Record<string, unknown>) =>
        after === undefined ? request : { ...request, body: `${before}${encodeURIComponent(`${spec.emailPrefix}${++n}@bench.example.org`)}${after}` },
    }],
  });
  process.stdout.write(JSON.stringify({
    requests: result.requests, latency: result.latency, non2xx: result.non2xx, errors: result.errors,
    timeouts: result.timeouts, '2xx': result['2xx'], statusCodeStats: result.statusCodeStats,
  }) + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run(JSON.parse(process.argv[2] ?? '') as LoadSpec).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exitCode = 1;
  });
}
