// A fake BigBlueButton API on 127.0.0.1 for tests: it checks each call's checksum the way
// BigBlueButton does (sha256 of call name + raw query without the checksum + shared secret),
// records the calls, and answers SUCCESS — or what the test sets — as XML.
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** Whether `url` (an API call) carries the right sha256 checksum for `secret`. */
export function signedWith(url: URL, secret: string): boolean {
  const call = url.pathname.split('/').at(-1)!;
  const query = url.search.slice(1).replace(/&checksum=[0-9a-f]+$/, '');
  return url.searchParams.get('checksum') === createHash('sha256').update(call + query + secret).digest('hex');
}

export async function startFakeBbb(secret: string) {
  const calls: URL[] = [];
  const state = { returncode: 'SUCCESS' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    calls.push(url);
    const code = signedWith(url, secret) ? state.returncode : 'FAILED';
    res.writeHead(200, { 'content-type': 'text/xml' }).end(`<response><returncode>${code}</returncode></response>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    /** The BBB_URL of this server. */
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bigbluebutton`,
    calls,
    /** What correctly signed calls get: SUCCESS unless a test sets FAILED. */
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
