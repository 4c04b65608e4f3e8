import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, absoluteUrl, loadConfig } from '../src/config.js';

describe('configuration', () => {
  test('defaults: port 3000, localhost, SQLite in ./data, demo data on an empty database', () => {
    const c = loadConfig({}, '/srv/labcamp');
    assert.equal(c.port, 3000);
    assert.equal(c.host, 'localhost');
    assert.equal(c.baseUrl.href, 'http://localhost:3000/');
    assert.deepEqual(c.database, { dialect: 'sqlite', file: path.resolve('/srv/labcamp/data/labcamp.db') });
    assert.equal(c.seedDemo, 'auto');
    assert.equal(c.smtpUrl, null);
    assert.equal(c.secure, false);
    assert.equal(c.rateLimits, true);
  });

  test('BASE_URL follows PORT unless given; https makes cookies secure', () => {
    assert.equal(loadConfig({ PORT: '8080' }).baseUrl.href, 'http://localhost:8080/');
    const c = loadConfig({ BASE_URL: 'https://labcamp.example.org/sub/' });
    assert.equal(c.secure, true);
    assert.equal(absoluteUrl(c, '/events/x'), 'https://labcamp.example.org/sub/events/x');
    assert.equal(absoluteUrl(loadConfig({}), '/admin'), 'http://localhost:3000/admin');
  });

  test('a postgres:// URL switches the dialect; sqlite: paths are resolved', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/labcamp' }).database, { dialect: 'postgres', url: 'postgres://u:p@db:5432/labcamp' });
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://db/labcamp' }).database.dialect, 'postgres');
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:./x/y.db' }, '/srv').database, { dialect: 'sqlite', file: '/srv/x/y.db' });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:///var/lib/labcamp.db' }).database, { dialect: 'sqlite', file: '/var/lib/labcamp.db' });
  });

  test('every bad value is reported at once, naming the variable', () => {
    try {
      loadConfig({ PORT: '70000', BASE_URL: 'ftp://x', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail', SEED_DEMO: 'maybe', SECRET_KEY: 'short', LOG_LEVEL: 'loud', RATE_LIMITS: 'perhaps' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const text = error.message;
      for (const name of ['PORT', 'BASE_URL', 'DATABASE_URL', 'SMTP_URL', 'SEED_DEMO', 'SECRET_KEY', 'LOG_LEVEL', 'RATE_LIMITS']) assert.match(text, new RegExp(name));
      assert.equal(error.problems.length, 8);
    }
  });

  test('SEED_DEMO and SMTP_URL accept their documented forms', () => {
    assert.equal(loadConfig({ SEED_DEMO: 'false' }).seedDemo, 'never');
    assert.equal(loadConfig({ SEED_DEMO: 'true' }).seedDemo, 'always');
    assert.equal(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465' }).smtpUrl?.port, '465');
    assert.equal(loadConfig({ RATE_LIMITS: 'off' }).rateLimits, false);
  });

  test('SMTP_CA_FILE: read once (relative to the working directory); missing, unreadable or not PEM stops the start', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labcamp-config-'));
    try {
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      fs.writeFileSync(path.join(dir, 'ca.pem'), pem);
      fs.writeFileSync(path.join(dir, 'not-pem.txt'), 'hello');
      assert.equal(loadConfig({}).smtpCa, null);
      assert.equal(loadConfig({ SMTP_CA_FILE: 'ca.pem' }, dir).smtpCa, pem);
      assert.equal(loadConfig({ SMTP_CA_FILE: path.join(dir, 'ca.pem') }).smtpCa, pem);
      const problem = (caFile: string) => {
        try {
          loadConfig({ SMTP_CA_FILE: caFile }, dir);
        } catch (error) {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.problems.length, 1);
          return error.problems[0]!;
        }
        return assert.fail(`expected a ConfigError for ${caFile}`);
      };
      assert.match(problem('missing.pem'), /^SMTP_CA_FILE .*missing\.pem \(ENOENT\)/);
      assert.match(problem(dir), /^SMTP_CA_FILE .*\(EISDIR\)/);
      assert.match(problem('not-pem.txt'), /^SMTP_CA_FILE must be a PEM file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test('retention: 90 days by default within 7…730; bad values and a default outside the range are refused', () => {
    assert.deepEqual(loadConfig({}).retention, { defaultDays: 90, minDays: 7, maxDays: 730 });
    assert.deepEqual(loadConfig({ RETENTION_DAYS: '30', RETENTION_MIN_DAYS: '1', RETENTION_MAX_DAYS: '365' }).retention, { defaultDays: 30, minDays: 1, maxDays: 365 });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.problems.join('\n');
      }
      return assert.fail('expected a ConfigError');
    };
    assert.match(problems({ RETENTION_DAYS: 'neunzig' }), /RETENTION_DAYS must be a whole number of days/);
    assert.match(problems({ RETENTION_DAYS: '5' }), /RETENTION_MIN_DAYS ≤ RETENTION_DAYS ≤ RETENTION_MAX_DAYS/);
  });
  test('mail lease: 60 s by default, 5 to 3600 s allowed', () => {
    assert.equal(loadConfig({}).mailLeaseSeconds, 60);
    assert.equal(loadConfig({ MAIL_LEASE_SECONDS: '5' }).mailLeaseSeconds, 5);
    for (const bad of ['4', '3601', '1.5', 'kurz']) {
      assert.throws(() => loadConfig({ MAIL_LEASE_SECONDS: bad }), (error: unknown) => error instanceof ConfigError && /MAIL_LEASE_SECONDS must be a whole number of seconds from 5 to 3600/.test(error.problems.join()));
    }
  });
});
