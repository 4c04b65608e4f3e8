import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, csrfTokenFrom, signIn, type TestApp } from '../../helpers/app.js';

for (const dialect of testDialects()) {
  describe(`Impressum and Datenschutz (${dialect})`, () => {
    let t: TestApp;
    let cookies: string;
    before(async () => {
      t = await createTestApp(dialect);
      cookies = await signIn(t, t.report.firstLoginLink!);
    });
    after(async () => t.close());

    test('both pages exist from the first start, in German and English', async () => {
      const de = await t.app.inject({ url: '/datenschutz' });
      assert.equal(de.statusCode, 200);
      assert.match(de.body, /<h1>Datenschutzerklärung<\/h1>/);
      assert.match(de.body, /technisch notwendige Cookies/);
      const en = await t.app.inject({ url: '/impressum?lang=en' });
      assert.match(en.body, /Legal notice \(Impressum\)/);
      assert.match(en.body, /placeholder/);
    });

    test('the operator edits a page; HTML in the text is shown as text', async () => {
      const form = await t.app.inject({ url: '/admin/pages/impressum', headers: { cookie: cookies } });
      assert.equal(form.statusCode, 200);
      const res = await t.app.inject({
        method: 'POST', url: '/admin/pages/impressum', headers: { cookie: cookies },
        payload: { _csrf: csrfTokenFrom(form.body), body_de: 'Stadt Soest\r\n\r\n<script>alert(1)</script> **Fett** [x](javascript:alert(1))', body_en: '' },
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/pages/impressum?saved=1');
      const page = await t.app.inject({ url: '/impressum' });
      assert.match(page.body, /Stadt Soest/);
      assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.doesNotMatch(page.body, /href="javascript:/);
      assert.match(page.body, /<strong>Fett<\/strong>/);
      // Without an English text, the English page shows the German one, marked as German.
      const en = await t.app.inject({ url: '/impressum?lang=en' });
      assert.match(en.body, /<div class="prose" lang="de">/);
    });

    test('a change is audited with before and after', async () => {
      const row = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'site.page.changed').executeTakeFirstOrThrow();
      assert.equal(row.subject_id, 'impressum');
      assert.equal(row.actor_label, 'Admin');
      assert.match(row.before_json ?? '', /placeholder|Platzhalter/);
      assert.match(row.after_json ?? '', /Stadt Soest/);
    });

    test('bad input gets its message next to the field, keeps the text, and stores nothing', async () => {
      const form = await t.app.inject({ url: '/admin/pages/datenschutz', headers: { cookie: cookies } });
      const before = await t.services.site.page('datenschutz');
      const tooLong = 'x'.repeat(50_001);
      const res = await t.app.inject({
        method: 'POST', url: '/admin/pages/datenschutz', headers: { cookie: cookies },
        payload: { _csrf: csrfTokenFrom(form.body), body_de: '   ', body_en: `keep me ${tooLong}` },
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /<p class="field__error" id="error-body_de">Bitte ausfüllen\.<\/p>/);
      assert.match(res.body, /id="error-body_en">Höchstens 50000 Zeichen\./);
      assert.match(res.body, /aria-invalid="true"/);
      assert.match(res.body, /keep me x/);
      assert.match(res.body, /href="#field-body_de"/);
      const control = await t.app.inject({
        method: 'POST', url: '/admin/pages/datenschutz', headers: { cookie: cookies },
        payload: { _csrf: csrfTokenFrom(form.body), body_de: 'bell \u0007', body_en: '' },
      });
      assert.equal(control.statusCode, 422);
      assert.match(control.body, /unzulässige Steuerzeichen/);
      assert.deepEqual(await t.services.site.page('datenschutz'), before);
    });

    test('an unknown page is a 404, also in the back office', async () => {
      assert.equal((await t.app.inject({ url: '/admin/pages/agb', headers: { cookie: cookies } })).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/agb' })).statusCode, 404);
    });
  });
}
