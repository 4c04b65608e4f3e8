import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, serializeCalendar } from '../../src/platform/ical.js';

describe('iCalendar (RFC 5545)', () => {
  test('text values escape backslash, semicolon, comma and newlines', () => {
    assert.equal(escapeText('a,b;c\\d\r\ne\nf'), 'a\\,b\\;c\\\\d\\ne\\nf');
  });

  test('lines fold at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'ö'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    assert.ok(parts.length > 1);
    for (const part of parts) assert.ok(Buffer.byteLength(part) <= 75, `${Buffer.byteLength(part)} octets`);
    assert.equal(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join(''), line);
    assert.ok(!folded.includes('\uFFFD'));
  });

  test('a calendar with local times, its VTIMEZONE, a UTC stamp and CRLF endings', () => {
    const ics = serializeCalendar({
      prodId: '-//LabCamp//LabCamp//DE',
      events: [{
        uid: 'event-1@localhost', sequence: 2, stamp: new Date('2026-11-28T10:00:00Z'),
        start: new Date('2020-05-26T13:00:00Z'), end: new Date('2020-05-26T15:30:00Z'), timeZone: 'Europe/Berlin',
        summary: 'LabCamp: Vernetzung, Labore; Teil 1', description: 'Zeile 1\nZeile 2', url: 'https://x.example/events/a',
      }],
    });
    assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(ics), 'every line ends in CRLF');
    const lines = ics.split('\r\n');
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.includes('TZID:Europe/Berlin'));
    assert.ok(lines.includes('DTSTART;TZID=Europe/Berlin:20200526T150000'));
    assert.ok(lines.includes('DTEND;TZID=Europe/Berlin:20200526T173000'));
    assert.ok(lines.includes('DTSTAMP:20261128T100000Z'));
    assert.ok(lines.includes('SEQUENCE:2'));
    assert.ok(lines.includes('SUMMARY:LabCamp: Vernetzung\\, Labore\\; Teil 1'));
    assert.ok(!ics.includes('TZURL'), 'no link to a third-party host');
    assert.equal(lines.filter((l) => l === 'BEGIN:VTIMEZONE').length, 1);
  });

  test('an unknown zone falls back to UTC times rather than an undefined TZID', () => {
    const ics = serializeCalendar({ prodId: 'x', events: [{ uid: 'u', sequence: 0, stamp: new Date(0), start: new Date('2020-05-26T13:00:00Z'), end: new Date('2020-05-26T15:30:00Z'), timeZone: 'Mars/Olympus', summary: 's' }] });
    assert.match(ics, /DTSTART:20200526T130000Z/);
    assert.doesNotMatch(ics, /TZID=Mars/);
  });
});
