import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLongDate, formatTime, isoWithOffset, zoneAbbreviation, zonedTimeToUtc } from '../../src/platform/time.js';

describe('times in the event time zone', () => {
  test('the seed meeting: 15:00 in Berlin in May is 13:00 UTC', () => {
    const start = zonedTimeToUtc('2020-05-26T15:00', 'Europe/Berlin');
    assert.equal(start.toISOString(), '2020-05-26T13:00:00.000Z');
    assert.equal(formatLongDate(start, 'Europe/Berlin', 'de'), 'Dienstag, 26.05.2020');
    assert.equal(formatLongDate(start, 'Europe/Berlin', 'en'), 'Tuesday, 26 May 2020');
    assert.equal(formatTime(start, 'Europe/Berlin', 'de'), '15:00');
    assert.equal(zoneAbbreviation(start, 'Europe/Berlin', 'de'), 'MESZ');
    assert.equal(isoWithOffset(start, 'Europe/Berlin'), '2020-05-26T15:00:00+02:00');
  });

  test('winter time, and the two daylight-saving transitions', () => {
    assert.equal(zonedTimeToUtc('2027-01-05T15:00', 'Europe/Berlin').toISOString(), '2027-01-05T14:00:00.000Z');
    // 02:30 does not exist on 29 March 2026: it moves forward to 03:30 CEST.
    assert.equal(zonedTimeToUtc('2026-03-29T02:30', 'Europe/Berlin').toISOString(), '2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the standard-time one is taken.
    assert.equal(zonedTimeToUtc('2026-10-25T02:30', 'Europe/Berlin').toISOString(), '2026-10-25T01:30:00.000Z');
    assert.equal(zonedTimeToUtc('2026-06-01T09:00', 'America/New_York').toISOString(), '2026-06-01T13:00:00.000Z');
  });

  test('a malformed local time is refused', () => {
    assert.throws(() => zonedTimeToUtc('26.05.2020 15:00', 'Europe/Berlin'), /Not a local date-time/);
  });
});
