// Every setting, read from the environment and validated once at start-up.
// A bad value stops the process with a message that names the variable and says what is expected.
import fs from 'node:fs';
import path from 'node:path';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  baseUrl: URL;
  /** True when BASE_URL is https: cookies get `Secure`, HSTS is sent. */
  secure: boolean;
  database: DatabaseConfig;
  dataDir: string;
  smtpUrl: URL | null;
  /** PEM certificates from SMTP_CA_FILE, trusted for the SMTP server besides the system's CAs. */
  smtpCa: string | null;
  /** Sender of every mail, e.g. "LabCamp <labcamp@example.org>". */
  mailFrom: string;
  /**
   * MAIL_LEASE_SECONDS: how long a mail claimed by the outbox worker is reserved for it. After a
   * crash, the mails it was sending go out again once their lease ends.
   */
  mailLeaseSeconds: number;
  seedDemo: 'auto' | 'always' | 'never';
  /** From SECRET_KEY; when absent, one is generated and kept in the data directory. */
  secretKey: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  rateLimits: boolean;
  /** Bearer token for /metrics; without it only loopback clients may read metrics. */
  metricsToken: string | null;
  /** The video systems the operator runs; their secrets live here only, never in the database. */
  video: VideoConfig;
  /** How long after an event its personal data is kept (days): the default, and the range organizers may choose from. */
  retention: { defaultDays: number; minDays: number; maxDays: number };
}

export interface VideoConfig {
  /** Jitsi Meet (JITSI_*): null when JITSI_DOMAIN is unset. */
  jitsi: {
    /** Host (and port) of the operator's Jitsi server, e.g. meet.example.org. */
    domain: string;
    /** Set when the server checks JWTs (jitsi-meet-tokens): every join then carries a signed token. */
    token: { appId: string; secret: string; audience: string; subject: string } | null;
  } | null;
  /** BigBlueButton (BBB_*): null when BBB_URL is unset. */
  bbb: { url: string; secret: string; checksum: 'sha256' | 'sha1' } | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  let port = 3000;
  const rawPort = value('PORT');
  if (rawPort !== undefined) {
    port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
      problems.push(`PORT must be a whole number from 1 to 65535, got "${rawPort}".`);
      port = 3000;
    }
  }

  const host = value('HOST') ?? 'localhost';

  let baseUrl = new URL(`http://localhost:${port}`);
  const rawBase = value('BASE_URL');
  if (rawBase !== undefined) {
    try {
      const parsed = new URL(rawBase);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
      if (parsed.search || parsed.hash) throw new Error('query');
      // Normalise: no trailing slash, so `${baseUrl}/path` is always right.
      parsed.pathname = parsed.pathname.replace(/\/+$/, '');
      baseUrl = parsed;
    } catch {
      problems.push(`BASE_URL must be an absolute http:// or https:// URL without query, got "${rawBase}".`);
    }
  }

  const dataDir = path.resolve(cwd, value('DATA_DIR') ?? './data');

  let database: DatabaseConfig = { dialect: 'sqlite', file: path.join(dataDir, 'labcamp.db') };
  const rawDb = value('DATABASE_URL');
  if (rawDb !== undefined) {
    if (rawDb.startsWith('sqlite:')) {
      const file = rawDb.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
      if (file === '') problems.push('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/labcamp.db.');
      else database = { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
    } else if (/^postgres(ql)?:\/\//.test(rawDb)) {
      try {
        new URL(rawDb);
        database = { dialect: 'postgres', url: rawDb };
      } catch {
        problems.push('DATABASE_URL looks like a PostgreSQL URL but cannot be parsed.');
      }
    } else {
      problems.push('DATABASE_URL must start with sqlite: or postgres:// (e.g. sqlite:./data/labcamp.db).');
    }
  }

  let smtpUrl: URL | null = null;
  const rawSmtp = value('SMTP_URL');
  if (rawSmtp !== undefined) {
    try {
      smtpUrl = new URL(rawSmtp);
      if (smtpUrl.protocol !== 'smtp:' && smtpUrl.protocol !== 'smtps:') throw new Error('protocol');
    } catch {
      problems.push('SMTP_URL must be smtp://user:pass@host:port or smtps://… (TLS).');
      smtpUrl = null;
    }
  }

  let smtpCa: string | null = null;
  const rawCaFile = value('SMTP_CA_FILE');
  if (rawCaFile !== undefined) {
    const caFile = path.resolve(cwd, rawCaFile);
    try {
      smtpCa = fs.readFileSync(caFile, 'utf8');
      if (!smtpCa.includes('-----BEGIN CERTIFICATE-----')) {
        problems.push(`SMTP_CA_FILE must be a PEM file with at least one "-----BEGIN CERTIFICATE-----" block, ${caFile} has none.`);
        smtpCa = null;
      }
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      problems.push(`SMTP_CA_FILE must name a readable PEM file of CA certificates, cannot read ${caFile} (${reason}).`);
    }
  }

  const mailFrom = value('MAIL_FROM') ?? `LabCamp <labcamp@${baseUrl.hostname}>`;
  if (!/^[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an address like "LabCamp <labcamp@example.org>", got "${mailFrom}".`);
  }

  let mailLeaseSeconds = 60;
  const rawLease = value('MAIL_LEASE_SECONDS');
  if (rawLease !== undefined) {
    if (/^\d+$/.test(rawLease) && Number(rawLease) >= 5 && Number(rawLease) <= 3600) mailLeaseSeconds = Number(rawLease);
    else problems.push(`MAIL_LEASE_SECONDS must be a whole number of seconds from 5 to 3600, got "${rawLease}".`);
  }

  let seedDemo: Config['seedDemo'] = 'auto';
  const rawSeed = value('SEED_DEMO');
  if (rawSeed !== undefined) {
    const map: Record<string, Config['seedDemo']> = {
      auto: 'auto', true: 'always', '1': 'always', yes: 'always', always: 'always',
      false: 'never', '0': 'never', no: 'never', never: 'never',
    };
    const mapped = map[rawSeed.toLowerCase()];
    if (mapped) seedDemo = mapped;
    else problems.push(`SEED_DEMO must be auto, true or false, got "${rawSeed}".`);
  }

  const secretKey = value('SECRET_KEY') ?? null;
  if (secretKey !== null && secretKey.length < 32) {
    problems.push('SECRET_KEY must be at least 32 characters long (leave it unset to have one generated).');
  }

  let logLevel: Config['logLevel'] = 'info';
  const rawLevel = value('LOG_LEVEL');
  if (rawLevel !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(rawLevel)) logLevel = rawLevel as Config['logLevel'];
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}".`);
  }

  const trustProxy = parseFlag('TRUST_PROXY', value('TRUST_PROXY'), false, problems);
  const rateLimits = parseFlag('RATE_LIMITS', value('RATE_LIMITS'), true, problems);
  const metricsToken = value('METRICS_TOKEN') ?? null;
  const video = { jitsi: jitsiConfig(value, problems), bbb: bbbConfig(value, problems) };
  const retention = retentionConfig(value, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port, host, baseUrl, secure: baseUrl.protocol === 'https:', database, dataDir,
    smtpUrl, smtpCa, mailFrom, mailLeaseSeconds, seedDemo, secretKey, logLevel, trustProxy, rateLimits, metricsToken, video, retention,
  };
}

/** RETENTION_DAYS (default 90), RETENTION_MIN_DAYS (7) and RETENTION_MAX_DAYS (730): whole days, min ≤ default ≤ max. */
function retentionConfig(value: (name: string) => string | undefined, problems: string[]): Config['retention'] {
  const days = (name: string, fallback: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n > 3650) {
      problems.push(`${name} must be a whole number of days from 0 to 3650, got "${raw}".`);
      return fallback;
    }
    return n;
  };
  const retention = { defaultDays: days('RETENTION_DAYS', 90), minDays: days('RETENTION_MIN_DAYS', 7), maxDays: days('RETENTION_MAX_DAYS', 730) };
  if (retention.minDays > retention.defaultDays || retention.defaultDays > retention.maxDays) {
    problems.push(`Retention needs RETENTION_MIN_DAYS ≤ RETENTION_DAYS ≤ RETENTION_MAX_DAYS, got ${retention.minDays} ≤ ${retention.defaultDays} ≤ ${retention.maxDays}.`);
  }
  return retention;
}

/** A host name with an optional port, as Jitsi domains are written (meet.example.org, meet.example.org:8443). */
export const HOST_NAME = /^(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/;

function jitsiConfig(value: (name: string) => string | undefined, problems: string[]): VideoConfig['jitsi'] {
  const domain = value('JITSI_DOMAIN')?.toLowerCase();
  const appId = value('JITSI_APP_ID');
  const secret = value('JITSI_APP_SECRET');
  if (domain === undefined) {
    if (appId || secret) problems.push('JITSI_APP_ID and JITSI_APP_SECRET need JITSI_DOMAIN, the Jitsi server they belong to.');
    return null;
  }
  if (!HOST_NAME.test(domain)) {
    problems.push(`JITSI_DOMAIN must be the host name of the Jitsi server, e.g. meet.example.org (no https://, no path), got "${domain}".`);
    return null;
  }
  if (Boolean(appId) !== Boolean(secret)) {
    problems.push('JITSI_APP_ID and JITSI_APP_SECRET go together: set both (the server checks tokens) or neither.');
    return null;
  }
  const token = appId && secret
    ? { appId, secret, audience: value('JITSI_AUDIENCE') ?? 'jitsi', subject: value('JITSI_SUBJECT') ?? domain.replace(/:\d+$/, '') }
    : null;
  return { domain, token };
}

function bbbConfig(value: (name: string) => string | undefined, problems: string[]): VideoConfig['bbb'] {
  const raw = value('BBB_URL');
  const secret = value('BBB_SECRET');
  const checksum = value('BBB_CHECKSUM')?.toLowerCase() ?? 'sha256';
  if (checksum !== 'sha256' && checksum !== 'sha1') problems.push(`BBB_CHECKSUM must be sha256 or sha1, got "${checksum}".`);
  if (raw === undefined) {
    if (secret) problems.push('BBB_SECRET needs BBB_URL, the BigBlueButton server it belongs to.');
    return null;
  }
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  // Plain http only to this machine (a test server): the join links carry a checksum anyone on the way could replay.
  const loopback = url !== null && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) || url.search || url.hash) {
    problems.push(`BBB_URL must be the https:// address of the BigBlueButton API without /api, e.g. https://bbb.example.org/bigbluebutton, got "${raw}".`);
    return null;
  }
  if (!secret) {
    problems.push('BBB_URL needs BBB_SECRET, the shared secret of the server (bbb-conf --secret).');
    return null;
  }
  if (checksum !== 'sha256' && checksum !== 'sha1') return null;
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, secret, checksum };
}

function parseFlag(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false, got "${raw}".`);
  return fallback;
}

/** The base URL as a string without trailing slash, for building absolute links. */
export function absoluteUrl(config: Pick<Config, 'baseUrl'>, pathname: string): string {
  return `${config.baseUrl.origin}${config.baseUrl.pathname.replace(/\/+$/, '')}${pathname}`;
}
