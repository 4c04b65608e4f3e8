// Shared pieces of the browser (end-to-end) tests: Debian's Chromium driven by playwright-core,
// a real LabCamp server on a random loopback port, axe-core checks, and a recorder that proves
// every request stays on 127.0.0.1.
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { freePort } from '../../helpers/net.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import type { TestDialect } from '../../helpers/databases.js';

export { freePort };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium without any background traffic of its own (updates, sync, field trials). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A port that was free a moment ago (the OS picks it). */

export interface TestServer extends TestApp {
  /** http://127.0.0.1:PORT, also the app's BASE_URL. */
  baseUrl: string;
  /** An absolute URL on this server. */
  url(path: string): string;
}

/**
 * A real app (as test/helpers/app.ts builds it: real database, fixed clock, bootstrap) listening
 * on 127.0.0.1 with BASE_URL set to the listening address, so absolute links point back here.
 */
export async function startTestServer(dialect: TestDialect, env: Record<string, string> = {}): Promise<TestServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const t = await createTestApp(dialect, { HOST: '127.0.0.1', PORT: String(port), BASE_URL: baseUrl, ...env });
    try {
      await t.app.listen({ host: '127.0.0.1', port });
    } catch (error) {
      await t.close();
      // Another process took the port between probing and listening: try another one.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
      throw error;
    }
    return { ...t, baseUrl, url: (path: string) => new URL(path, baseUrl).toString() };
  }
}

/** Everything a browser context asked for, and what went wrong in its pages. */
export interface RequestRecorder {
  readonly urls: string[];
  readonly pageErrors: string[];
  readonly cspViolations: string[];
  /** Fails unless at least one request was made and every one went to 127.0.0.1. */
  assertOnlyLoopback(): void;
}

/** Records every request of a context (and of pages opened later in it). */
export function recordRequests(context: BrowserContext): RequestRecorder {
  const urls: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    urls,
    pageErrors,
    cspViolations,
    assertOnlyLoopback() {
      assert.ok(urls.length > 0, 'the browser made no request at all; the recorder is not attached');
      const foreign = urls.filter((url) => {
        try {
          return new URL(url).hostname !== '127.0.0.1';
        } catch {
          return true;
        }
      });
      assert.deepEqual(foreign, [], `requests to hosts other than 127.0.0.1:\n  ${foreign.join('\n  ')}`);
    },
  };
}

/** A browser context whose requests are recorded; check them with recorder.assertOnlyLoopback(). */
export async function newRecordedContext(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; recorder: RequestRecorder }> {
  const context = await browser.newContext(options);
  if (options.javaScriptEnabled === false) withoutJavaScript.add(context);
  const recorder = recordRequests(context);
  const page = await context.newPage();
  return { context, page, recorder };
}

/** The end of every test: only loopback traffic, no script errors, no CSP violations. */
export async function closeContext(context: BrowserContext, recorder: RequestRecorder): Promise<void> {
  try {
    recorder.assertOnlyLoopback();
    assert.deepEqual(recorder.pageErrors, [], 'uncaught errors in the page');
    assert.deepEqual(recorder.cspViolations, [], 'Content-Security-Policy violations');
  } finally {
    await context.close();
  }
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Contexts made with JavaScript off: axe-core is a script and never answers in them. */
const withoutJavaScript = new WeakSet<BrowserContext>();

/** Runs axe-core on the page as it is now and fails with a readable list of every violation. */
export async function assertAccessible(page: Page, label = page.url()): Promise<void> {
  // Without this check the call would hang until the test times out; check such pages in the run
  // with JavaScript on (the HTML is the same).
  if (withoutJavaScript.has(page.context())) throw new Error(`axe-core cannot run with JavaScript off (${label}): check this page with JavaScript on`);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`).join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  assert.equal(results.violations.length, 0, `axe found ${results.violations.length} WCAG 2.1 AA violation(s) on ${label}:\n${report}`);
  // axe must actually have checked something, or a blank page would pass.
  assert.ok(results.passes.length > 0, `axe checked nothing on ${label}`);
}

/** Waits for the next full page load that `action` causes; returns the HTTP statuses of the main document (e.g. [303, 200]). */
export async function navigation(page: Page, action: () => Promise<unknown>): Promise<number[]> {
  const statuses: number[] = [];
  const onResponse = (response: Response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) statuses.push(response.status());
  };
  page.on('response', onResponse);
  try {
    await Promise.all([page.waitForEvent('load'), action()]);
  } finally {
    page.off('response', onResponse);
  }
  return statuses;
}
