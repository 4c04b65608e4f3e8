// What the community's browser tests share: texts of the demo data, page probes, the error summary check.
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { newRecordedContext, type TestServer } from './browser.js';

/** Where the pictures go: never into the repository. */
export const SHOTS = '/tmp/labcamp-community';
export const SOEST_PRACTICE = 'Neue Technologien zum Ausprobieren: niedrigschwellige Abende im Stadtlabor';
export const COMMUNITY_PRACTICE = 'Vernetzungstreffen öffentlicher Innovationslabore';
export const NEW_PRACTICE = {
  title: 'Sprechstunde für offene Daten im Rathaus',
  slug: 'sprechstunde-fuer-offene-daten-im-rathaus',
  problem: 'Die Fachämter wissen nicht, welche ihrer Daten sie **veröffentlichen** dürfen.',
  approach: 'Eine wöchentliche Sprechstunde des Labors, in der Fachämter ihre Datensätze mitbringen und gemeinsam prüfen.',
  results: 'Zwölf neue Datensätze im Portal nach drei Monaten.',
  topics: 'Open Data, Verwaltung',
};
export const NO_JS_PRACTICE = { title: 'Lesekreis für Verwaltungsinnovation', problem: 'Gute Texte über Innovation in der Verwaltung liest jede für sich.', approach: 'Ein monatlicher Lesekreis, offen für alle Ämter.' };

export type Recorded = Awaited<ReturnType<typeof newRecordedContext>>;
export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export const h1 = async (page: Page) => ((await page.locator('h1').textContent()) ?? '').trim();
export const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
export const pathOf = (page: Page) => { const u = new URL(page.url()); return `${u.pathname}${u.search}`; };

/** What has the focus: enough to say where it went when it is not where it should be. */
export function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', cls: el?.getAttribute('class') ?? '', label: el?.getAttribute('aria-label') ?? '', text: (el?.textContent ?? '').trim().slice(0, 60) };
  });
}

/** Presses Tab until the focus is on `selector` (at most `max` times); fails with where it went. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => Boolean(document.activeElement?.matches(s)), selector)) return;
    const f = await focused(page);
    trail.push(`${f.tag}${f.id ? `#${f.id}` : ''}${f.label ? `[${f.label}]` : ''} ${f.text}`.trim());
  }
  assert.fail(`Tab never reached ${selector}; it went through:\n  ${trail.join('\n  ')}`);
}

/** The text of the live status line of the labs directory. */
export const labsStatus = async (page: Page) => ((await page.locator('.labs-results [role="status"]').textContent()) ?? '').trim();
export const labCards = (page: Page) => page.locator('.labs-results .card__title').allTextContents();

/** The error summary of a refused form: one alert, a link per field, each message at its field too; returns the fields it links to. */
export async function errorSummary(page: Page): Promise<string[]> {
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'one error summary');
  assert.ok(await summary.isVisible(), 'the error summary is visible');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.equal((await summary.locator('h2').textContent())?.trim(), 'Bitte korrigiert die markierten Angaben:');
  const hrefs = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    const name = href.replace(/^#field-/, '');
    const control = page.locator(href);
    assert.equal(await control.count(), 1, `${href}: the summary links to an existing field`);
    const error = page.locator(`#error-${name}`);
    assert.ok(await error.isVisible(), `${name}: the message is shown at the field too`);
    const message = ((await error.textContent()) ?? '').trim();
    assert.ok(message.length > 0 && ((await summary.locator(`a[href="${href}"]`).textContent()) ?? '').includes(message), `${name}: the summary repeats the message`);
    assert.ok(await control.evaluate((el, id) => Boolean(el.closest('.field')?.querySelector(`#${id}`)), `error-${name}`), `${name}: the message is inside the field's box`);
    assert.match((await control.getAttribute('aria-describedby')) ?? '', new RegExp(`\\berror-${name}\\b`), `${name}: aria-describedby names the message`);
    const inputs = (await control.evaluate((el) => el.tagName)) === 'FIELDSET' ? control.locator('input') : control;
    for (const input of await inputs.all()) assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name}: aria-invalid`);
    // Right at the field: the message is drawn just above the control, not somewhere else.
    const [eBox, cBox] = [await error.boundingBox(), await control.boundingBox()];
    assert.ok(eBox && cBox, `${name}: laid out`);
    const inside = eBox.y >= cBox.y && eBox.y + eBox.height <= cBox.y + cBox.height;
    const gapAbove = cBox.y - (eBox.y + eBox.height);
    assert.ok(inside || (gapAbove >= 0 && gapAbove < 40), `${name}: the message is shown right at the field (message ${JSON.stringify(eBox)}, field ${JSON.stringify(cBox)})`);
  }
  return hrefs.map((h) => h.replace(/^#field-/, ''));
}

/** Clicks the summary's link to `name` and checks that focus moved to the field. */
export async function followSummaryLink(page: Page, name: string): Promise<void> {
  await page.locator(`.error-summary a[href="#field-${name}"]`).click();
  await page.waitForFunction((id) => document.activeElement?.id === id, `field-${name}`, { timeout: 2000 }).catch(() => undefined);
  assert.equal((await focused(page)).id, `field-${name}`, `the summary link moves focus to ${name}`);
}

/** Does the page need horizontal scrolling? */
export function widths(page: Page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

/** An admitted registration for labcamp-2 (registered by hand) and the token of its personal link. */
export async function registered(server: TestServer, name: string, email: string, organisation: string): Promise<string> {
  const event = (await server.services.events.findBySlug('labcamp-2'))!;
  const outcome = await server.services.registration.register(event, { name, email, organisation, level: 'kommune', land: 'NW', role: null, listed: false, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
  assert.equal(outcome.kind, 'registered');
  const mail = await server.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
}
