#!/usr/bin/env node
// `npm test`: type-check, then run every test (unit, HTTP, end-to-end in Chromium) once, with each
// database test repeated per dialect (TEST_DIALECTS). PostgreSQL is used when its server answers;
// in CI (CI=true) a missing PostgreSQL or Chromium is an error, never a silent skip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

console.log('› type-check');
run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);

let dialects = process.env.TEST_DIALECTS;
if (!dialects) {
  if (await postgresAnswers()) dialects = 'sqlite,postgres';
  else if (ci) {
    console.error(`PostgreSQL does not answer at ${postgresUrl}; CI runs every test on both databases.`);
    process.exit(1);
  } else {
    console.warn(`\n!! PostgreSQL does not answer at ${postgresUrl}: running on SQLite only (set TEST_POSTGRES_URL).\n`);
    dialects = 'sqlite';
  }
}

// Node 20's test runner does not expand globs: list the files ourselves. Browser tests are named
// *.e2e.ts so they can be left out as a whole where Chromium is missing.
const all = fs.readdirSync('test', { recursive: true }).map((f) => `test/${f}`).sort();
const files = all.filter((f) => /\.test\.tsx?$/.test(f));
const browserFiles = all.filter((f) => /\.e2e\.ts$/.test(f));
if (fs.existsSync(chromium)) files.push(...browserFiles);
else {
  if (ci) {
    console.error(`Chromium not found at ${chromium} (apt-get install -y chromium); CI runs the browser tests.`);
    process.exit(1);
  }
  console.warn(`\n!! Chromium not found at ${chromium}: browser tests left out (apt-get install -y chromium).\n`);
}

console.log(`› tests on ${dialects}`);
// A test that hangs (a browser that never answers, say) fails after 5 minutes instead of holding CI.
run('npx', ['tsx', '--test', '--test-timeout=300000', ...files], { TEST_DIALECTS: dialects });
