// The SSE clients of bench/sse-fanout.bench.ts, run in child processes (forked with an IPC
// channel) so that reading thousands of streams does not share the benchmark's or the server's
// event loop. Imports nothing of the app, so a half-edited module of the app cannot break it.
//
// Each connection is one plain http.request (fetch per connection costs far more memory and CPU),
// counted as connected when the server's first `retry:` line has arrived. Every `question` event
// is recorded as [question id, arrival time]; the time is performance.timeOrigin +
// performance.now(), the same clock the benchmark uses for the moment it sends the POST.
//
// Protocol (process.send / 'message'):
//   parent → child  { type: 'open', spec: OpenSpec }  → child { type: 'opened', connected, failed, errors }
//   parent → child  { type: 'count' }                 → child { type: 'count', questions }
//   parent → child  { type: 'report' }                → child { type: 'report', report: ClientReport }
//   parent → child  { type: 'close' }                 → the child ends every stream and exits
import http from 'node:http';

export interface OpenSpec {
  /** http://127.0.0.1:<port> — never anything else. */
  origin: string;
  /** Path with query, e.g. /events/labcamp-2/live/stream?since=12 */
  path: string;
  /** One Cookie header per connection. */
  cookies: string[];
  /** Connections being set up at once (the server's listen backlog is finite). */
  parallel: number;
}

export interface ConnectionReport {
  status: number;
  /** [question id, arrival ms] for every `question` event, in arrival order. */
  questions: Array<[number, number]>;
  /** Events of any other kind (`vote`, `reload`): none are expected. */
  other: string[];
  /** The stream ended or failed before the benchmark closed it. */
  droppedAt: number | null;
  error: string | null;
}

export interface ClientReport {
  connections: ConnectionReport[];
}

export type ToClient = { type: 'open'; spec: OpenSpec } | { type: 'count' } | { type: 'report' } | { type: 'close' };
export type FromClient =
  | { type: 'opened'; connected: number; failed: number; errors: string[] }
  | { type: 'count'; questions: number }
  | { type: 'report'; report: ClientReport };

const now = () => performance.timeOrigin + performance.now();

interface Connection extends ConnectionReport {
  request: http.ClientRequest;
  closing: boolean;
}

const connections: Connection[] = [];
let questionsReceived = 0;
// One agent without a socket limit and without keep-alive: every stream is its own socket.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/** Splits the stream into events (blank-line separated) and records the ones the benchmark counts. */
function parser(connection: Connection, onRetry: () => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let kind = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('retry:')) onRetry();
        else if (line.startsWith('event:')) kind = line.slice(6).trim();
        else if (line.startsWith('data:')) data = line.slice(5).trim();
      }
      if (data === '') continue; // retry line or heartbeat comment
      if (kind === 'question') {
        connection.questions.push([(JSON.parse(data) as { id: number }).id, now()]);
        questionsReceived++;
      } else {
        connection.other.push(kind);
      }
    }
  };
}

/** Opens one stream; resolves once it is connected (first `retry:`) or has failed. */
function openOne(spec: OpenSpec, cookie: string): Promise<Connection> {
  return new Promise((resolve) => {
    const url = new URL(spec.path, spec.origin);
    const request = http.request(url, { agent, headers: { Accept: 'text/event-stream', Cookie: cookie } });
    const connection: Connection = { request, closing: false, status: 0, questions: [], other: [], droppedAt: null, error: null };
    let settled = false;
    const settle = () => {
      if (!settled) {
        settled = true;
        resolve(connection);
      }
    };
    const drop = (error: string | null) => {
      if (connection.closing) return;
      if (connection.droppedAt === null) connection.droppedAt = now();
      connection.error ??= error;
      settle();
    };
    request.on('response', (response) => {
      connection.status = response.statusCode ?? 0;
      if (connection.status !== 200) {
        response.resume();
        drop(`status ${connection.status}`);
        return;
      }
      response.setEncoding('utf8');
      response.on('data', parser(connection, settle));
      response.on('end', () => drop('stream ended'));
      response.on('error', (e) => drop(e.message));
    });
    request.on('error', (e) => drop(e.message));
    request.end();
  });
}

/** Opens every stream of the spec, `parallel` at a time. */
async function openAll(spec: OpenSpec): Promise<FromClient> {
  let next = 0;
  const lane = async () => {
    while (next < spec.cookies.length) connections.push(await openOne(spec, spec.cookies[next++]!));
  };
  await Promise.all(Array.from({ length: Math.min(spec.parallel, spec.cookies.length) }, lane));
  const failed = connections.filter((c) => c.droppedAt !== null);
  return {
    type: 'opened',
    connected: connections.length - failed.length,
    failed: failed.length,
    errors: [...new Set(failed.map((c) => c.error ?? '?'))].slice(0, 10),
  };
}

function report(): ClientReport {
  return { connections: connections.map(({ status, questions, other, droppedAt, error }) => ({ status, questions, other, droppedAt, error })) };
}

function closeAll(): void {
  for (const c of connections) {
    c.closing = true;
    c.request.destroy();
  }
  process.exit(0);
}

const send = (message: FromClient) => process.send!(message);

process.on('message', (message: ToClient) => {
  switch (message.type) {
    case 'open':
      void openAll(message.spec).then(send);
      break;
    case 'count':
      send({ type: 'count', questions: questionsReceived });
      break;
    case 'report':
      send({ type: 'report', report: report() });
      break;
    case 'close':
      closeAll();
      break;
  }
});
// The benchmark went away (crash, Ctrl-C): do not linger with open sockets.
process.on('disconnect', closeAll);
