// Start-up: config → database → bootstrap → app → listen. Stops cleanly on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './platform/db/database.js';
import { systemClock } from './platform/clock.js';
import { loadOrCreateSecret } from './platform/secrets.js';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  const database = openDatabase(config.database);
  const secret = loadOrCreateSecret(config.dataDir, config.secretKey);
  const { app, services } = await buildApp({ config, database, clock: systemClock, secret });

  const report = await bootstrap(config, database, systemClock, services);
  if (report.migrations.length > 0) app.log.info({ migrations: report.migrations }, 'database migrated');
  if (report.seeded.length > 0) app.log.info({ events: report.seeded }, 'demo data loaded');

  await app.listen({ port: config.port, host: config.host });

  // Background work of this instance: the mail outbox, scheduled mails and the registration deadlines.
  services.mailWorker.start();
  services.mailSchedules.start();
  const deadlines = setInterval(() => {
    services.registration.processDeadlines().catch((error: unknown) => app.log.error({ err: error }, 'deadline run failed'));
  }, 60_000);
  deadlines.unref();
  // Retention: events whose period is over are anonymised, checked at start and every hour.
  const anonymiseDue = () => services.retention.runDue().then(
    (slugs) => { if (slugs.length > 0) app.log.info({ events: slugs }, 'personal data of past events anonymised'); },
    (error: unknown) => app.log.error({ err: error }, 'retention run failed'),
  );
  void anonymiseDue();
  const retention = setInterval(() => void anonymiseDue(), 3600_000);
  retention.unref();

  const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL';
  console.log(`\nLabCamp is running at ${config.baseUrl.href.replace(/\/$/, '')}  (database: ${where})`);
  if (report.firstLoginLink) {
    console.log('\nFirst start: sign in to the back office with this one-time link (valid 24 hours):');
    console.log(`  ${report.firstLoginLink}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s, exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    clearInterval(deadlines);
    clearInterval(retention);
    await app.close(); // also stops the mail worker after its current run
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('LabCamp could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
