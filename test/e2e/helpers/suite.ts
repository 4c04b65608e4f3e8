// A real server and Chromium for one describe block of browser tests: started before its tests,
// closed after them. Call it inside `describe`; read `server` and `browser` inside the tests.
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestDialect } from '../../helpers/databases.js';
import { launchBrowser, startTestServer, type TestServer } from './browser.js';

export function serverAndBrowser(dialect: TestDialect, env: Record<string, string> = {}): { server: TestServer; browser: Browser } {
  const running = {} as { server: TestServer; browser: Browser };
  before(async () => {
    running.server = await startTestServer(dialect, env);
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.close();
  });
  return running;
}
