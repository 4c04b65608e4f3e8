import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';

for (const dialect of testDialects()) {
  describe(`public event pages (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t.close());

    test('the seed meeting shows everything the seed page shows, in German by default', async () => {
      const res = await t.app.inject({ url: '/events/labcamp-2020' });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/html; charset=utf-8/);
      const html = res.body;
      assert.match(html, /<html lang="de">/);
      assert.match(html, /<h1[^>]*>LabCamp: Vernetzungstreffen öffentliche Innovationslabore<\/h1>/);
      assert.match(html, /veranstaltet von CityLAB Berlin, BMI PG DIT/);
      assert.match(html, /Dienstag, 26\.05\.2020 \| 15:00 – 17:30 Uhr/);
      assert.match(html, /datetime="2020-05-26T15:00:00\+02:00"/);
      assert.match(html, /<dd>Online<\/dd>/);
      assert.match(html, /<dd>Deutsch<\/dd>/);
      for (const speaker of ['Aydan Portakaldali', 'Benjamin Seibel', 'Elisabeth Söllner &amp; Hanna Hinrichs']) assert.ok(html.includes(speaker), speaker);
      assert.match(html, /Das Event wird von Caroline Paulick-Thiel von Politics for Tomorrow moderiert\./);
      assert.match(html, /Welche Erfolgsgeschichten, Projekte und Praktiken gibt es, die für andere adaptierbar sind\?/);
      assert.match(html, /Lightning Talks und Q&amp;A Sessions/);
      assert.match(html, /Exotenstatus/);
      assert.match(html, /mailto:info@citylab-berlin\.org/);
      // After the deadline of 19.05.2020 the registration is closed, and the page says so.
      assert.match(html, /Anmeldung geschlossen/);
      assert.doesNotMatch(html, /Anmeldung bis/);
      assert.match(html, /Anmeldeschluss war der 19\.05\.2020\./);
    });

    test('an open event shows its deadline as "Anmeldung bis …" and its seats', async () => {
      const res = await t.app.inject({ url: '/events/labcamp-2' });
      assert.equal(res.statusCode, 200);
      // Seeded relative to the test clock (28.11.2026): 35 days on, moved to a Tuesday.
      assert.match(res.body, /Dienstag, 05\.01\.2027 \| 15:00 – 17:30 Uhr/);
      assert.match(res.body, /Anmeldung bis 29\.12\.2026/);
      assert.match(res.body, /40 Plätze/);
    });

    test('English comes from Accept-Language, ?lang= and the remembered choice', async () => {
      const byHeader = await t.app.inject({ url: '/events/labcamp-2020', headers: { 'accept-language': 'en-GB,en;q=0.9,de;q=0.5' } });
      assert.match(byHeader.body, /<html lang="en">/);
      assert.match(byHeader.body, /LabCamp: Networking meeting of public innovation labs/);
      assert.match(byHeader.body, /Tuesday, 26 May 2020 \| 15:00 – 17:30/);
      assert.match(byHeader.body, /Registration closed/);

      const bySwitch = await t.app.inject({ url: '/events/labcamp-2020?lang=en', headers: { 'accept-language': 'de' } });
      assert.match(bySwitch.body, /<html lang="en">/);
      const cookie = bySwitch.cookies.find((c) => c.name === 'lc_lang');
      assert.equal(cookie?.value, 'en');
      assert.equal(cookie?.httpOnly, true);

      const remembered = await t.app.inject({ url: '/', headers: { 'accept-language': 'de', cookie: 'lc_lang=en' } });
      assert.match(remembered.body, /<html lang="en">/);
      assert.match(remembered.body, /Upcoming meetings/);
    });

    test('the language switch links to the same page in the other language', async () => {
      const res = await t.app.inject({ url: '/events/labcamp-2020' });
      assert.match(res.body, /<a class="lang-switch" href="\/events\/labcamp-2020\?lang=en" hreflang="en" lang="en"[^>]*>English<\/a>/);
    });

    test('schema.org JSON-LD describes an online event', async () => {
      const res = await t.app.inject({ url: '/events/labcamp-2020' });
      const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)?.[1];
      assert.ok(json, 'JSON-LD block');
      const data = JSON.parse(json);
      assert.equal(data['@type'], 'Event');
      assert.equal(data.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode');
      assert.equal(data.startDate, '2020-05-26T15:00:00+02:00');
      assert.equal(data.endDate, '2020-05-26T17:30:00+02:00');
      assert.equal(data.location['@type'], 'VirtualLocation');
      assert.deepEqual(data.organizer.map((o: { name: string }) => o.name), ['CityLAB Berlin', 'BMI PG DIT']);
      assert.equal(data.performer.length, 4);
    });

    test('the start page lists upcoming and past meetings', async () => {
      const res = await t.app.inject({ url: '/' });
      assert.equal(res.statusCode, 200);
      const upcoming = res.body.indexOf('Kommende Treffen');
      const past = res.body.indexOf('Vergangene Treffen');
      assert.ok(upcoming > 0 && past > upcoming);
      assert.ok(res.body.indexOf('/events/labcamp-2"') > upcoming && res.body.indexOf('/events/labcamp-2"') < past);
      assert.ok(res.body.indexOf('/events/labcamp-2020"') > past);
    });

    test('the cached page follows the clock: after the deadline it says the registration is closed', async () => {
      const before = await t.app.inject({ url: '/events/labcamp-2' });
      assert.match(before.body, /Anmeldung bis 29\.12\.2026/);
      t.clock.set('2026-12-30T12:00:00.000Z');
      try {
        const afterDeadline = await t.app.inject({ url: '/events/labcamp-2' });
        assert.match(afterDeadline.body, /Anmeldung geschlossen/);
        assert.doesNotMatch(afterDeadline.body, /\/events\/labcamp-2\/register"/, 'no register button after the deadline');
      } finally {
        t.clock.set('2026-11-28T10:00:00.000Z');
      }
    });

    test('a new event shows up on the start page at once (the page cache is cleared by writes)', async () => {
      await t.app.inject({ url: '/' });
      const base = (await t.services.events.findBySlug('labcamp-2'))!;
      const { SYSTEM_ACTOR } = await import('../../../src/platform/audit/audit.js');
      await t.services.events.createEvent({ ...base, slug: 'labcamp-3', title: { de: 'LabCamp #3: Frisch angelegt' } }, SYSTEM_ACTOR);
      const res = await t.app.inject({ url: '/' });
      assert.match(res.body, /LabCamp #3: Frisch angelegt/);
    });

    test('an unknown or draft event is a 404 page without internals', async () => {
      const res = await t.app.inject({ url: '/events/does-not-exist' });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /Seite nicht gefunden/);
      const hostile = await t.app.inject({ url: '/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E' });
      assert.equal(hostile.statusCode, 404);
      assert.doesNotMatch(hostile.body, /<script>alert/);
    });
  });
}
