// Placeholders in mail templates, and the one rendering path for default and organizers' texts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fill, parse, placeholdersIn, validate } from '../../../src/modules/messaging/placeholders.js';
import { REGISTRANT_TEMPLATES, availablePlaceholders, defaultTemplate, renderMail, renderTemplate } from '../../../src/modules/messaging/templates.js';

const context = {
  name: 'Lea <Muster>', event: 'LabCamp 2027', when: 'Dienstag, 05.01.2027 | 15:00 – 17:30 Uhr', start: '05.01.2027, 15:00 Uhr',
  eventLink: 'https://labcamp.example/events/labcamp-2027', personalLink: 'https://labcamp.example/r/TOKEN',
  accessLink: 'https://labcamp.example/r/TOKEN/live', contact: 'orga@lab.example',
};

describe('placeholders', () => {
  test('parse splits text and placeholders; {{ and }} are literal braces', () => {
    assert.deepEqual(parse('Hallo {name}, {{kein}} Platzhalter').segments, [
      { kind: 'text', text: 'Hallo ' }, { kind: 'placeholder', name: 'name' }, { kind: 'text', text: ', {kein} Platzhalter' },
    ]);
    assert.equal(parse('a {{ b }}').strayBrace, false);
    assert.equal(parse('a { b').strayBrace, true);
    assert.equal(parse('a } b').strayBrace, true);
    assert.deepEqual(placeholdersIn('{event} {name} {event}'), ['event', 'name']);
  });

  test('fill replaces placeholders, keeps doubled braces as one, leaves missing values empty', () => {
    assert.equal(fill('Hallo {name}! {{name}} bleibt.', { name: 'Ada' }), 'Hallo Ada! {name} bleibt.');
    assert.equal(fill('Grund: {reason}.', {}), 'Grund: .');
    assert.equal(fill('{name}{name}', { name: '{x}' }), '{x}{x}', 'values are not parsed again');
  });

  test('validate names unknown placeholders and lists the allowed ones, in German and English', () => {
    const allowed = ['name', 'event'];
    const ok = validate('Hallo {name}, willkommen bei {event}. {{Klammer}}', allowed, 'de');
    assert.equal(ok.ok, true);
    assert.equal(ok.message, '');

    const de = validate('Hallo {Name}, {link}', allowed, 'de');
    assert.equal(de.ok, false);
    assert.deepEqual(de.unknown, ['Name', 'link']);
    assert.equal(de.message, 'Unbekannte Platzhalter: {Name}, {link}. Erlaubt sind: {name}, {event}.');
    const en = validate('Hi {nmae}', allowed, 'en');
    assert.equal(en.message, 'Unknown placeholder: {nmae}. Allowed: {name}, {event}.');
  });

  test('a known placeholder the mail cannot fill is refused too', () => {
    const v = validate('Bis {deadline}!', availablePlaceholders('reminder'), 'de');
    assert.deepEqual(v.unavailable, ['deadline']);
    assert.deepEqual(v.unknown, []);
    assert.match(v.message, /^\{deadline\} gibt es in dieser Mail nicht\. Erlaubt sind: \{name\}, /);
    assert.doesNotMatch(v.message, /Erlaubt sind:.*\{deadline\}/);
    assert.match(validate('{personal_link}', ['name'], 'de', 'subject').message, /\{personal_link\} gibt es im Betreff nicht/);
    assert.match(validate('{reason}', ['name'], 'en').message, /\{reason\} is not available in this mail\. Allowed: \{name\}\./);
    assert.match(validate('Preis: 5 { Euro', ['name'], 'de').message, /einzelne geschweifte Klammer.*\{\{ oder \}\}/);
  });

  test('which mail can fill what', () => {
    assert.ok(availablePlaceholders('confirm_email').includes('deadline'));
    assert.ok(availablePlaceholders('seat_offered').includes('deadline'));
    assert.ok(!availablePlaceholders('admitted').includes('deadline'));
    for (const t of ['rejected', 'event_cancelled', 'event_changed'] as const) assert.ok(availablePlaceholders(t).includes('reason'), t);
    assert.ok(!availablePlaceholders('cancelled').includes('reason'));
    assert.ok(availablePlaceholders('access_link').includes('access_link'));
    assert.ok(!availablePlaceholders('waitlisted').includes('access_link'), 'no way into the live room without a seat');
  });

  test('every default is valid for its own mail, in both languages', () => {
    for (const template of REGISTRANT_TEMPLATES) {
      for (const locale of ['de', 'en'] as const) {
        const d = defaultTemplate(template, locale);
        assert.equal(validate(d.body, availablePlaceholders(template), 'de').message, '', `${template}/${locale}`);
        assert.equal(validate(d.subject, availablePlaceholders(template), 'de').message, '', `${template}/${locale}`);
      }
    }
  });
});

describe('rendering a template', () => {
  test('the default admitted mail: greeting, paragraphs, the personal link as a button, the footer', () => {
    const mail = renderMail('admitted', 'de', context);
    assert.equal(mail.subject, 'Ihr seid dabei: LabCamp 2027');
    assert.equal(mail.text, [
      'Hallo Lea <Muster>,', '',
      'eure Anmeldung für „LabCamp 2027“ (Dienstag, 05.01.2027 | 15:00 – 17:30 Uhr) ist bestätigt – ihr habt einen Platz.', '',
      'Den Zugangslink bekommt ihr vor der Veranstaltung. Über euren persönlichen Link könnt ihr eure Angaben ändern oder absagen.', '',
      'Meine Anmeldung: https://labcamp.example/r/TOKEN', '',
      '-- ', 'Diese Mail wurde von LabCamp gesendet, weil diese Adresse für „LabCamp 2027“ angegeben wurde.',
    ].join('\n'));
    assert.match(mail.html, /<p>Hallo Lea &lt;Muster>,<\/p>/);
    assert.match(mail.html, /<a href="https:\/\/labcamp.example\/r\/TOKEN" style="display:inline-block;[^"]*">Meine Anmeldung<\/a>/);
  });

  test('an organizer text: HTML is text, line breaks kept, link placeholders become links, an empty {reason} paragraph goes', () => {
    const mail = renderTemplate('de', {
      subject: 'Hallo {name}\nzweite Zeile',
      body: 'Liebe {name},\n<script>alert(1)</script>\nzweite Zeile\n\nGrund: {reason}\n\nSeite: {event_link} – bis bald\n\nLive: {access_link}',
    }, context);
    assert.equal(mail.subject, 'Hallo Lea <Muster> zweite Zeile');
    assert.doesNotMatch(mail.text, /Grund:/);
    assert.match(mail.text, /Liebe Lea <Muster>,\n<script>alert\(1\)<\/script>\nzweite Zeile\n\nSeite: https:\/\/labcamp.example\/events\/labcamp-2027 – bis bald/);
    assert.doesNotMatch(mail.html, /<script>/);
    assert.match(mail.html, /<p>Liebe Lea &lt;Muster>,<br\/?>&lt;script>alert\(1\)&lt;\/script><br\/?>zweite Zeile<\/p>/);
    assert.match(mail.html, /<p>Seite: <a href="https:\/\/labcamp.example\/events\/labcamp-2027">https:\/\/labcamp.example\/events\/labcamp-2027<\/a> – bis bald<\/p>/);
    assert.match(mail.html, /<a href="https:\/\/labcamp.example\/r\/TOKEN\/live" style="[^"]*">Live<\/a>/, 'the access link keeps the button look');
    const withReason = renderTemplate('de', { subject: 's', body: 'Grund: {reason}' }, { ...context, reason: 'Ferien <b>' });
    assert.match(withReason.text, /^Grund: Ferien <b>\n/);
    assert.match(withReason.html, /<p>Grund: Ferien &lt;b><\/p>/);
  });
});
