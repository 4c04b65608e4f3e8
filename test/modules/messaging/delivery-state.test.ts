// Did this person get their mails? The delivery state per registration in the back office, over
// HTTP against a real SMTP server in this process that refuses one mailbox for good (550): the
// compact state in the registrations list and its "mail problems" filter, the page of one
// registration's mails, sending a failed mail again (the same outbox row, audited), and who may
// see and do what.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, signIn, type TestApp } from '../../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { memberCookies } from '../../helpers/team.js';
import { backoffMs, PERMANENT_ATTEMPTS } from '../../../src/modules/messaging/worker.js';

const SLUG = 'labcamp-2020';
const BASE = `/admin/events/${SLUG}`;

/** "11:00" in Berlin, written independently of the app's formatting code. */
const berlinTime = (iso: string) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const berlinDate = (iso: string) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));

/** The table row of a person in the registrations list (the name is its row header). */
function rowOf(html: string, name: string): string {
  const row = html.split('<tr>').find((r) => r.includes(`<th scope="row">${name}</th>`));
  assert.ok(row, `no row for ${name}`);
  return row.slice(0, row.indexOf('</tr>'));
}

/** Text without tags and with single spaces. */
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();

for (const dialect of testDialects()) {
  describe(`delivery state per registration (${dialect})`, () => {
    let smtp: TestSmtp;
    let t: TestApp;
    let admin: Visitor;
    let okId: number;
    let goneId: number;

    async function mailsOf(registrationId: number) {
      return t.database.db.selectFrom('outbox').selectAll().where('registration_id', '=', registrationId).orderBy('id').execute();
    }

    /**
     * Runs the worker until `done` holds. A registration kicks the worker by itself, so a run may
     * already be going; each call either starts a run or queues one right after the current one.
     */
    async function runWorkerUntil(done: () => Promise<boolean>, what: string): Promise<void> {
      for (let i = 0; i < 50; i++) {
        await t.services.mailWorker.runOnce();
        if (await done()) return;
        await new Promise((r) => setImmediate(r));
      }
      assert.fail(`the worker did not get there: ${what}`);
    }

    async function register(name: string, email: string): Promise<number> {
      const event = (await t.services.events.findBySlug(SLUG))!;
      const outcome = await t.services.registration.register(event, { name, email, organisation: 'Stadtlabor', level: 'kommune', land: 'NW', role: null, listed: false, answers: {} }, 'de', 'manual');
      assert.equal(outcome.kind, 'registered');
      return (outcome as { registrationId: number }).registrationId;
    }

    before(async () => {
      smtp = await startTestSmtp(0, { rejectRecipient: (address) => address.startsWith('gone') });
      t = await createTestApp(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'labcamp@example.org' });
      admin = visitor(t, await signIn(t, t.report.firstLoginLink!));

      okId = await register('Olga Ankommt', 'olga@lab.example');
      goneId = await register('Gero Weg', 'gone@lab.example');
      const sentAll = async () => (await mailsOf(okId)).every((m) => m.status === 'sent');
      const triedOnce = async () => (await mailsOf(goneId)).every((m) => m.attempts === 1 && m.status === 'queued');
      await runWorkerUntil(async () => (await sentAll()) && (await triedOnce()), 'first attempt');
      assert.ok(smtp.mails.some((m) => m.envelopeTo.includes('olga@lab.example')), 'Olga\'s mail arrived');
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('a mail that failed once waits for its next attempt: the list says when, and the mail-problems filter finds it', async () => {
      const [waiting] = await mailsOf(goneId);
      assert.ok(waiting && waiting.attempts === 1 && waiting.status === 'queued');
      const list = await admin.get(`${BASE}/registrations`);
      assert.equal(list.statusCode, 200);
      assert.match(plain(rowOf(list.body, 'Gero Weg')), new RegExp(`E-Mails an Gero Weg: 1 wartet \\(neuer Versuch ${berlinTime(waiting.next_attempt_at)}\\)`));
      assert.match(plain(rowOf(list.body, 'Olga Ankommt')), /E-Mails an Olga Ankommt: ✓ 1 zugestellt/);

      const problems = await admin.get(`${BASE}/registrations?mail=problems`);
      assert.match(problems.body, /Gero Weg/);
      assert.doesNotMatch(problems.body, /Olga Ankommt/);
      assert.match(problems.body, /<option value="problems" selected/);

      const page = await admin.get(`${BASE}/registrations/${goneId}/mails`);
      assert.equal(page.statusCode, 200);
      assert.match(plain(page.body), new RegExp(`Wartet — nächster Versuch ${berlinTime(waiting.next_attempt_at)}, 1 Fehlversuch: .*550`));
      assert.doesNotMatch(page.body, /Erneut senden/, 'a mail that is still being tried cannot be re-queued');
    });

    test(`after ${PERMANENT_ATTEMPTS} refusals the mail failed for good: shown in the list, on the person's page and in the event's mails`, async () => {
      for (let attempt = 1; attempt < PERMANENT_ATTEMPTS; attempt++) {
        t.clock.advance(backoffMs(attempt));
        await runWorkerUntil(async () => (await mailsOf(goneId)).every((m) => m.attempts === attempt + 1), `attempt ${attempt + 1}`);
      }
      const [failed] = await mailsOf(goneId);
      assert.equal(failed?.status, 'failed');

      const list = await admin.get(`${BASE}/registrations`);
      const row = rowOf(list.body, 'Gero Weg');
      assert.match(plain(row), /E-Mails an Gero Weg: ✗ 1 fehlgeschlagen/);
      assert.match(row, new RegExp(`href="${BASE}/registrations/${goneId}/mails"`));
      assert.match(row, /<span aria-hidden="true">✗ <\/span>/, 'the symbol is not read out');
      const problems = await admin.get(`${BASE}/registrations?mail=problems`);
      assert.match(problems.body, /Gero Weg/);
      assert.doesNotMatch(problems.body, /Olga Ankommt/);

      const page = await admin.get(`${BASE}/registrations/${goneId}/mails`);
      assert.equal(page.statusCode, 200);
      const text = plain(page.body);
      assert.match(text, /E-Mails an Gero Weg/);
      assert.match(text, /Zusage/, 'the template by its name');
      assert.match(text, /Endgültig abgelehnt: .*550/);
      assert.match(page.body, new RegExp(`href="${BASE}/mails/${failed.id}"`), 'links to the mail itself');
      assert.match(page.body, new RegExp(`action="${BASE}/mails/${failed.id}/retry"`));

      const ok = await admin.get(`${BASE}/registrations/${okId}/mails`);
      const [sent] = await mailsOf(okId);
      assert.match(plain(ok.body), new RegExp(`Zugestellt an den Mailserver am ${berlinDate(sent!.sent_at!).replace(/\./g, '\\.')} um ${berlinTime(sent!.sent_at!)} Uhr`));
      assert.doesNotMatch(ok.body, /\/retry"/, 'nothing to send again');

      const mails = await admin.get(`${BASE}/mails`);
      assert.match(plain(mails.body), /Endgültig abgelehnt: .*550/);
      assert.match(plain(mails.body), /Zugestellt an den Mailserver am/);
      assert.match(mails.body, new RegExp(`href="${BASE}/registrations/${goneId}/mails"`));

      const en = await admin.get(`${BASE}/registrations/${goneId}/mails?lang=en`);
      assert.match(plain(en.body), /Mails to Gero Weg/);
      assert.match(plain(en.body), /Admission.*Rejected for good: .*550/);
      assert.match(en.body, />Send again </);
      await admin.get(`${BASE}/registrations/${goneId}/mails?lang=de`);
    });

    test('"Send again" puts the same mail back in the queue, audited; the worker tries it once more', async () => {
      const before = await mailsOf(goneId);
      const failed = before[0]!;
      await admin.get(`${BASE}/registrations/${goneId}/mails`);
      const res = await admin.post(`${BASE}/mails/${failed.id}/retry`, {});
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${BASE}/registrations/${goneId}/mails?done=retried`);
      const done = await admin.get(res.headers.location as string);
      assert.match(done.body, /Die E-Mail steht wieder in der Warteschlange/);

      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'mail.retried').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.subject_id, String(failed.id));
      assert.equal(audit[0]!.actor_label, 'Admin');
      assert.deepEqual(JSON.parse(audit[0]!.before_json!).status, 'failed');
      assert.deepEqual(JSON.parse(audit[0]!.after_json!).status, 'queued');

      // The kicked worker tries it at once; the server still refuses, so it fails again after one attempt.
      await runWorkerUntil(async () => (await mailsOf(goneId))[0]!.attempts === PERMANENT_ATTEMPTS + 1, 'the retry');
      const afterRetry = await mailsOf(goneId);
      assert.equal(afterRetry.length, before.length, 'no new mail: the same outbox row');
      assert.equal(afterRetry[0]!.id, failed.id);
      assert.equal(afterRetry[0]!.status, 'failed');
      assert.equal(afterRetry[0]!.idempotency_key, failed.idempotency_key);
    });

    test('a mail that was delivered cannot be re-queued (409), nothing changes', async () => {
      const [sent] = await mailsOf(okId);
      await admin.get(`${BASE}/registrations/${okId}/mails`);
      const res = await admin.post(`${BASE}/mails/${sent!.id}/retry`, {});
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /Nur endgültig fehlgeschlagene E-Mails können erneut gesendet werden/);
      const [still] = await mailsOf(okId);
      assert.equal(still!.status, 'sent');
      assert.equal(still!.attempts, sent!.attempts);
      assert.equal((await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'mail.retried').where('subject_id', '=', String(sent!.id)).execute()).length, 0);
    });

    test('read-only members see the states but cannot send again; organizers of another event get 404', async () => {
      const eventId = (await t.services.events.findBySlug(SLUG))!.id;
      const [failed] = await mailsOf(goneId);
      const reader = visitor(t, (await memberCookies(t, eventId, 'readonly', 'reader.mails@example.org')).cookies);
      const list = await reader.get(`${BASE}/registrations`);
      assert.equal(list.statusCode, 200);
      assert.match(plain(rowOf(list.body, 'Gero Weg')), /✗ 1 fehlgeschlagen/);
      const page = await reader.get(`${BASE}/registrations/${goneId}/mails`);
      assert.equal(page.statusCode, 200);
      assert.match(plain(page.body), /Endgültig abgelehnt: .*550/);
      assert.doesNotMatch(page.body, /Erneut senden|\/retry"/, 'no button');
      assert.doesNotMatch(page.body, new RegExp(`href="${BASE}/mails/${failed!.id}"`), 'no link to the body with the personal link');
      assert.match(page.body, /name="_csrf"/, 'the reader has a valid CSRF token (sign-out form), so a refusal is about the role');
      assert.equal((await reader.post(`${BASE}/mails/${failed!.id}/retry`, {})).statusCode, 403);
      assert.equal((await mailsOf(goneId))[0]!.status, 'failed');

      const otherEvent = (await t.services.events.findBySlug('labcamp-2'))!.id;
      const stranger = visitor(t, (await memberCookies(t, otherEvent, 'organizer', 'other.mails@example.org')).cookies);
      await stranger.get('/admin/events/labcamp-2/registrations');
      assert.equal((await stranger.get(`${BASE}/registrations/${goneId}/mails`)).statusCode, 404);
      assert.equal((await stranger.post(`${BASE}/mails/${failed!.id}/retry`, {})).statusCode, 404);
      assert.equal((await stranger.get(`/admin/events/labcamp-2/registrations/${goneId}/mails`)).statusCode, 404, 'a registration only through its own event');
      assert.equal((await stranger.post(`/admin/events/labcamp-2/mails/${failed!.id}/retry`, {})).statusCode, 404, 'a mail only through its own event');
      assert.equal((await admin.get(`${BASE}/registrations/nope/mails`)).statusCode, 404);
      assert.equal((await mailsOf(goneId))[0]!.status, 'failed');
    });
  });
}
