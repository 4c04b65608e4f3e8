// The `labcamp` command: npm run labcamp -- <command> [options]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, absoluteUrl, loadConfig } from '../config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { systemClock } from '../platform/clock.js';
import { createServices } from '../app.js';
import { AccessError } from '../modules/access/access.service.js';
import { PASSWORD_LIMITS } from '../modules/access/access.passwords.js';
import { seedDemo } from '../seed/demo-seed.js';
import { seedCommunity } from '../seed/community-seed.js';
import { BackupError, backupFileName, backupSqlite, restoreSqlite } from '../platform/db/backup.js';

const HELP = `Usage: npm run labcamp -- <command> [options]

Commands:
  migrate                                  bring the database schema up to date
  seed                                     load the demo events, labs and practices that are not there yet
  create-organizer --email E --name N [--admin]
                                           create an organizer account and print a one-time login link
  login-link --email E                     print a fresh one-time login link (valid 24 hours)
  set-password --email E                   set the password of an account: from LABCAMP_PASSWORD,
                                           else the first line of standard input (12 to 200 characters)
  backup [--to FILE]                       copy the SQLite database while the server runs (default:
                                           DATA_DIR/backups/labcamp-<time>.db); PostgreSQL: use pg_dump
  restore --from FILE                      replace the SQLite database with a backup (stop the server
                                           first); the current database is kept next to it
  help                                     show this text

The database is chosen by DATABASE_URL (default sqlite:./data/labcamp.db).`;

/** The first line of standard input (the password for set-password; piped, so not echoed). */
async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export async function run(argv: string[], out: (line: string) => void = console.log, readSecret: () => Promise<string> = firstLineOfStdin): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(HELP);
    return command ? 0 : 64;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean', default: false }, to: { type: 'string' }, from: { type: 'string' } },
    strict: true,
  });

  const config = loadConfig();
  if (command === 'backup' || command === 'restore') return backupOrRestore(command, config, values, out);
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const services = createServices({ config, database, clock: systemClock });
    switch (command) {
      case 'migrate':
        out('Database is up to date.');
        return 0;
      case 'seed': {
        const created = await seedDemo({ db: database.db, clock: systemClock, events: services.events, program: services.program, registration: services.registration, mailSchedules: services.mailSchedules });
        const community = await seedCommunity(services);
        out(created.length ? `Loaded demo events: ${created.join(', ')}` : 'All demo events exist already.');
        out(community.length ? `Loaded demo labs and practices: ${community.join(', ')}` : 'All demo labs and practices exist already.');
        return 0;
      }
      case 'create-organizer': {
        if (!values.email || !values.name) {
          out('create-organizer needs --email and --name.');
          return 64;
        }
        const { organizer, token } = await services.access.createOrganizer({ email: values.email, name: values.name, isAdmin: values.admin ?? false });
        out(`Created organizer ${organizer.name} <${organizer.email}>${organizer.isAdmin ? ' (admin)' : ''}.`);
        out(`One-time login link (valid 24 hours):\n  ${absoluteUrl(config, `/admin/login/${token}`)}`);
        return 0;
      }
      case 'login-link': {
        if (!values.email) {
          out('login-link needs --email.');
          return 64;
        }
        const token = await services.access.issueLoginLink(values.email);
        out(`One-time login link (valid 24 hours):\n  ${absoluteUrl(config, `/admin/login/${token}`)}`);
        return 0;
      }
      case 'set-password': {
        if (!values.email) {
          out('set-password needs --email (and the password in LABCAMP_PASSWORD or on standard input).');
          return 64;
        }
        const password = process.env.LABCAMP_PASSWORD ?? (await readSecret());
        if (password.length < PASSWORD_LIMITS.min || password.length > PASSWORD_LIMITS.max) {
          out(`The password must have ${PASSWORD_LIMITS.min} to ${PASSWORD_LIMITS.max} characters.`);
          return 64;
        }
        const organizer = await services.access.setPasswordByEmail(values.email, password);
        out(`Password set for ${organizer.name} <${organizer.email}>.`);
        return 0;
      }
      default:
        out(`Unknown command "${command}".\n\n${HELP}`);
        return 64;
    }
  } finally {
    await database.close();
  }
}

/** backup and restore work on the database file itself, not through an open connection. */
async function backupOrRestore(command: 'backup' | 'restore', config: ReturnType<typeof loadConfig>, values: { to?: string | undefined; from?: string | undefined }, out: (line: string) => void): Promise<number> {
  if (config.database.dialect !== 'sqlite') {
    out(`${command} works on the embedded SQLite database. For PostgreSQL use its own tools:\n  pg_dump --format=custom --file=labcamp.dump "$DATABASE_URL"\n  pg_restore --clean --if-exists --dbname="$DATABASE_URL" labcamp.dump\n(see docs/operations.md).`);
    return 2;
  }
  try {
    if (command === 'backup') {
      const target = path.resolve(values.to ?? backupFileName(path.join(config.dataDir, 'backups'), new Date()));
      const { bytes } = await backupSqlite(config.database.file, target);
      out(`Backup written: ${target} (${Math.round(bytes / 1024)} KB).`);
      return 0;
    }
    if (!values.from) {
      out('restore needs --from FILE (a file written by backup).');
      return 64;
    }
    const { kept } = restoreSqlite(path.resolve(values.from), config.database.file, new Date());
    out(`Restored ${config.database.file} from ${path.resolve(values.from)}.`);
    if (kept) out(`The database before the restore is kept as ${kept}.`);
    out('Start the server again; it brings the schema up to date if the backup is older.');
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    out(error.message);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (invokedDirectly) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof AccessError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(64);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
