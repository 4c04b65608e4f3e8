// A real SMTP server in the test process (smtp-server); every mail it receives is parsed with
// mailparser, so tests look at what a mail client would see. It can speak TLS from the start
// (smtps://), offer STARTTLS and require a login, with a throwaway certificate made at test time.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** Whether the session was encrypted (implicit TLS or upgraded by STARTTLS) when the mail came. */
  secure: boolean;
  /** The user the session logged in as, null without a login. */
  user: string | null;
}

/** One AUTH command the server answered. */
export interface AuthAttempt {
  method: string;
  username: string;
  accepted: boolean;
  /** Whether the credentials travelled over TLS. */
  secure: boolean;
}

export interface TestSmtpOptions {
  /** Answers 550 to RCPT TO for the addresses it matches. */
  rejectRecipient?: (address: string) => boolean;
  /** Key and certificate (PEM). Without `secure`, STARTTLS is offered with them. */
  tls?: { key: string; cert: string };
  /** TLS from the first byte (smtps://); needs `tls`. */
  secure?: boolean;
  /**
   * A login is required (AUTH PLAIN or LOGIN) and checked against these credentials; wrong ones
   * get 535. Like real servers, AUTH is only offered over TLS unless `allowInsecure` is set.
   */
  auth?: { user: string; pass: string; allowInsecure?: boolean };
  /**
   * Milliseconds between the end of a mail's data and the server's 250, so that mails are in
   * flight for a while (a client killed meanwhile never hears the 250; the mail is not kept).
   */
  acceptDelayMs?: number;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:PORT, or smtps://… for a `secure` server. */
  url: string;
  mails: ReceivedMail[];
  /** Every AUTH command, accepted or not, in order. */
  authAttempts: AuthAttempt[];
  /** Connection errors the server reported (e.g. a client that broke off the TLS handshake). */
  errors: Error[];
  /**
   * While true the server is up but refuses for now, as a full or overloaded relay does: 421 to
   * new connections, 451 to MAIL FROM on connections already open.
   */
  temporaryFailure: boolean;
  /** Mails whose data has begun to arrive (accepted or not yet). */
  readonly dataStarted: number;
  /** Waits until a mail matching `predicate` arrives (or fails after `timeoutMs`). */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * Starts the server on `port` (0: any free one), e.g. on the port of an SMTP_URL that was down.
 * Without options it is plain SMTP: no STARTTLS, login optional.
 */
export async function startTestSmtp(port = 0, options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const authAttempts: AuthAttempt[] = [];
  const state = { temporaryFailure: false, dataStarted: 0 };
  /** Sessions whose client has gone: a mail of theirs still being accepted is not kept. */
  const closedSessions = new Set<string>();
  const temporary = (text: string, responseCode: number) => Object.assign(new Error(text), { responseCode });
  if (options.secure && !options.tls) throw new Error('startTestSmtp: secure needs tls (key and cert)');
  const server = new SMTPServer({
    secure: options.secure ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    // STARTTLS only with a certificate of the test's own, so a client must be told to trust it.
    disabledCommands: options.tls ? [] : ['STARTTLS'],
    authOptional: !options.auth,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: options.auth?.allowInsecure ?? false,
    logger: false,
    onAuth(auth, session, callback) {
      const accepted = !!options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      authAttempts.push({ method: auth.method, username: auth.username ?? '', accepted, secure: session.secure });
      if (accepted) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onClose(session) {
      closedSessions.add(session.id);
    },
    onConnect(_session, callback) {
      if (state.temporaryFailure) return callback(temporary('4.3.2 Service not available, try again later', 421));
      return callback();
    },
    onMailFrom(_address, _session, callback) {
      if (state.temporaryFailure) return callback(temporary('4.3.1 Insufficient system storage, try again later', 451));
      return callback();
    },
    onRcptTo(address, _session, callback) {
      if (!options.rejectRecipient?.(address.address)) return callback();
      return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      state.dataStarted++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = (parsed: ParsedMail) => {
          mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed, secure: session.secure, user: session.user ?? null });
          callback();
        };
        simpleParser(raw).then(
          (parsed) => {
            if (!options.acceptDelayMs) return accept(parsed);
            // Kept only if the client is still there to hear the 250, as a relay commits a mail.
            setTimeout(() => (!closedSessions.has(session.id) ? accept(parsed) : callback(new Error('client went away'))), options.acceptDelayMs);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  // A client that drops a connection (e.g. it does not trust the certificate) is an 'error' event
  // of the server; unheard, it would crash the test process.
  const errors: Error[] = [];
  server.on('error', (error) => errors.push(error));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `${options.secure ? 'smtps' : 'smtp'}://127.0.0.1:${bound}`,
    mails,
    authAttempts,
    errors,
    get dataStarted() {
      return state.dataStarted;
    },
    get temporaryFailure() {
      return state.temporaryFailure;
    },
    set temporaryFailure(value: boolean) {
      state.temporaryFailure = value;
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const start = Date.now();
      for (;;) {
        const found = mails.find(predicate);
        if (found) return found;
        if (Date.now() - start > timeoutMs) {
          throw new Error(`no matching mail within ${timeoutMs} ms; received: ${mails.map((m) => `${m.envelopeTo.join(',')}: ${m.parsed.subject}`).join(' | ') || 'none'}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TestCertificate {
  key: string;
  cert: string;
  /** The certificate as a file, for SMTP_CA_FILE (self-signed: it is its own CA). */
  certFile: string;
  remove(): Promise<void>;
}

/**
 * A throwaway self-signed certificate for localhost and 127.0.0.1 (one day), made by openssl in a
 * temporary directory; the key never leaves it and remove() deletes it.
 */
export async function createTestCertificate(): Promise<TestCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), 'labcamp-smtp-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
  ]);
  return {
    key: await readFile(keyFile, 'utf8'),
    cert: await readFile(certFile, 'utf8'),
    certFile,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The personal link in a mail's text part. */
export function personalLinkIn(mail: ReceivedMail): string {
  const match = /https?:\/\/[^\s]+\/r\/([A-Za-z0-9_-]{43})/.exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no personal link in mail "${mail.parsed.subject}"`);
  return new URL(match[0]).pathname;
}
