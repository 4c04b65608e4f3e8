// A real app on a real database for HTTP tests (app.inject), on the dialect asked for.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { fixedClock } from '../../src/platform/clock.js';
import { buildApp, type Services } from '../../src/app.js';
import { bootstrap, type BootstrapReport } from '../../src/bootstrap.js';
import { createTestDatabase, type TestDialect } from './databases.js';

/** The clock of test apps: a fixed day, so "upcoming" and "past" are stable. */
export const TEST_NOW = '2026-11-28T10:00:00.000Z';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: Database;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  report: BootstrapReport;
  close(): Promise<void>;
}

export async function createTestApp(
  dialect: TestDialect,
  env: Record<string, string> = {},
  extend?: (app: FastifyInstance) => void,
): Promise<TestApp> {
  const testDb = await createTestDatabase(dialect);
  const config = { ...loadConfig({ DATA_DIR: testDb.dataDir, SEED_DEMO: 'auto', ...env }), database: testDb.config };
  const database = openDatabase(config.database);
  const clock = fixedClock(TEST_NOW);
  const { app, services } = await buildApp({ config, database, clock, secret: 'test-secret-test-secret-test-secret-0123', logger: false });
  const report = await bootstrap(config, database, clock, services);
  extend?.(app);
  await app.ready();
  return {
    app, services, database, config, clock, report,
    async close() {
      await app.close();
      await database.close();
      await testDb.drop();
    },
  };
}

/** The cookies a response sets, as a Cookie header for the next request. */
export function cookieHeader(response: { cookies: Array<{ name: string; value: string }> }, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as [string, string]));
  for (const c of response.cookies) jar.set(c.name, c.value);
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Signs in through the one-time link as a browser would; returns the Cookie header of the session. */
export async function signIn(t: TestApp, link: string): Promise<string> {
  const path = new URL(link).pathname;
  const page = await t.app.inject({ url: path });
  if (page.statusCode !== 200) throw new Error(`login page answered ${page.statusCode}`);
  const cookies = cookieHeader(page);
  const res = await t.app.inject({ method: 'POST', url: path, headers: { cookie: cookies }, payload: { _csrf: csrfTokenFrom(page.body) } });
  if (res.statusCode !== 303) throw new Error(`login answered ${res.statusCode}`);
  return cookieHeader(res, cookies);
}

/** The value of the hidden CSRF field in a rendered form. */
export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF field in page');
  return match[1]!;
}
