import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { negotiateLocale, parseLocalized, pickLocalized } from '../../src/platform/i18n/index.js';
import { de } from '../../src/platform/i18n/messages.de.js';
import { en } from '../../src/platform/i18n/messages.en.js';

describe('languages', () => {
  test('Accept-Language with q-values picks the best of de and en; German by default', () => {
    assert.equal(negotiateLocale(undefined), 'de');
    assert.equal(negotiateLocale('fr-FR,fr;q=0.9'), 'de');
    assert.equal(negotiateLocale('en-US,en;q=0.9'), 'en');
    assert.equal(negotiateLocale('fr,en;q=0.5,de;q=0.8'), 'de');
    assert.equal(negotiateLocale('de;q=0,en;q=0.1'), 'en');
    assert.equal(negotiateLocale('garbage;;;q=x'), 'de');
  });

  test('localized content falls back to the content language and says which it used', () => {
    assert.deepEqual(pickLocalized({ de: 'Hallo', en: 'Hello' }, 'en'), { text: 'Hello', locale: 'en' });
    assert.deepEqual(pickLocalized({ de: 'Hallo', en: '  ' }, 'en'), { text: 'Hallo', locale: 'de' });
    assert.deepEqual(pickLocalized({ en: 'Hello' }, 'de', 'de'), { text: 'Hello', locale: 'en' });
    assert.deepEqual(parseLocalized('{"de":"a","xx":"b","en":3}'), { de: 'a' });
  });

  test('English has every UI string German has', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    assert.deepEqual(keys(en).sort(), keys(de).sort());
  });
});
