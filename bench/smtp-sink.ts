// An SMTP sink for bench/outbox.bench.ts, in a process of its own so it does not share the
// worker's event loop: a real SMTP server (smtp-server) that accepts every mail and counts it by
// its Message-ID header. It prints its port, then answers "report" on stdin with the counts.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';

const byMessageId = new Map<string, number>();
let received = 0;
let bytes = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  maxClients: 100,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      bytes += raw.length;
      received++;
      // The header block ends at the first empty line; only the Message-ID is needed.
      const head = raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n'))).toString('latin1');
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '(none)';
      byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.server.address() as AddressInfo).port }));
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'report') return;
  const twice = [...byMessageId.values()].filter((n) => n > 1).length;
  console.log(JSON.stringify({ received, distinct: byMessageId.size, twice, withoutId: byMessageId.get('(none)') ?? 0, bytes }));
});
