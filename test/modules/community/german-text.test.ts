// German text preparation for the practice-library search: the Snowball stemmer, tokenising,
// compound tails and the index/query texts for PostgreSQL (unstemmed) and SQLite FTS5 (stemmed).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  GERMAN_STOP_WORDS,
  compoundTails,
  indexText,
  queryStems,
  queryWords,
  stemGerman,
  stemmedIndexText,
  words,
} from '../../../src/modules/community/search/german-text.js';

/** What the SQLite path does: every query stem must be an index token. */
function matches(doc: string, query: string): boolean {
  const index = new Set(stemmedIndexText(doc).split(' '));
  const stems = queryStems(query);
  return stems.length > 0 && stems.every((s) => index.has(s));
}

describe('stemGerman', () => {
  // From the official Snowball sample vocabulary and its stems
  // (github.com/snowballstem/snowball-data, german/diffs.txt). That file predates the
  // 2009 "-nisse" rule, so no -nisse words are taken from it; we checked 445 of its pairs.
  const official: Array<[string, string]> = [
    ['a', 'a'],
    ['ab', 'ab'],
    ['abi', 'abi'],
    ['aalglatten', 'aalglatt'],
    ['aargauer', 'aargau'],
    ['abbildung', 'abbild'],
    ['abbrechen', 'abbrech'],
    ['abende', 'abend'],
    ['abends', 'abend'],
    ['abendlichen', 'abend'],
    ['abendländischem', 'abendland'],
    ['abendländischen', 'abendland'],
    ['abendröte', 'abendrot'],
    ['abendschöppchen', 'abendschoppch'],
    ['abenteuer', 'abenteu'],
    ['abenteuerlichem', 'abenteu'],
    ['abenteuerspielplätzen', 'abenteuerspielplatz'],
    ['abgelaufen', 'abgelauf'],
    ['abgemessenheit', 'abgemess'],
    ['abgeordnetenversammlung', 'abgeordnetenversamml'],
    ['abgesprungen', 'abgespr'],
    ['abgrundes', 'abgrund'],
    ['abhängig', 'abhang'],
    ['abhängigkeit', 'abhang'],
    ['ablenkend', 'ablenk'],
    ['abschluß', 'abschluss'],
    ['abschließung', 'abschliess'],
    ['abscheus', 'abscheus'],
    ['abschnitts', 'abschnitt'],
    ['abschütteln', 'abschutteln'],
    ['absichtlich', 'absicht'],
    ['abstammungen', 'abstamm'],
    ['aufnahmegefäß', 'aufnahmegefass'],
    ['aufmerksamkeiten', 'aufmerksam'],
    ['aufs', 'auf'],
    ['aufwachst', 'aufwach'],
    ['ausdauer', 'ausdau'],
    ['auseinandersetzung', 'auseinandersetz'],
    ['begehrlichkeit', 'begehr'],
    ['befreiung', 'befreiung'],
    ['beengung', 'beengung'],
    ['beschwerlichkeiten', 'beschwer'],
    ['bestätigungen', 'bestat'],
    ['beunruhigung', 'beunruh'],
    ['bewies', 'bewi'],
    ['billigung', 'billig'],
    ['bittest', 'bitt'],
    ['biwakspäße', 'biwakspass'],
    ['bleibst', 'bleib'],
    ['blödigkeit', 'blodig'],
    ['bitterkeit', 'bitter'],
  ];

  test('stems the official sample vocabulary as Snowball does', () => {
    for (const [word, stem] of official) assert.equal(stemGerman(word), stem, word);
  });

  test('follows the examples on the algorithm page (including the -nisse rule)', () => {
    assert.equal(stemGerman('äckern'), 'ack');
    assert.equal(stemGerman('armes'), 'arm');
    assert.equal(stemGerman('derbsten'), 'derb');
    assert.equal(stemGerman('bedürfnissen'), 'bedurfnis');
  });

  test('stems the words this search relies on', () => {
    // Derived by hand-applying the algorithm. "beteiligung" is "beteil", not "beteilig":
    // after -ung, a preceding -ig in R2 (here from index 6) is removed too, exactly as in
    // the official pairs beunruhigung → beunruh and bestätigungen → bestat.
    assert.equal(stemGerman('beteiligung'), 'beteil');
    assert.equal(stemGerman('beteiligungen'), 'beteil');
    assert.equal(stemGerman('bürgerbeteiligungen'), 'burgerbeteil');
    assert.equal(stemGerman('städte'), 'stadt');
    assert.equal(stemGerman('häuser'), 'haus');
    assert.equal(stemGerman('aufeinanderfolgenden'), 'aufeinanderfolg');
  });

  test('lowercases its input first and maps ß to ss', () => {
    assert.equal(stemGerman('Bürgerbeteiligungen'), 'burgerbeteil');
    assert.equal(stemGerman('STÄDTE'), 'stadt');
    assert.equal(stemGerman('Straße'), stemGerman('strasse'));
    assert.equal(stemGerman(''), '');
  });

  test('never throws and never lengthens a word (property)', () => {
    const germanish = fc.string({
      unit: fc.constantFrom(...'aäbdeghiklmnoörstuüyßUYÄ-é'.split('')),
      maxLength: 30,
    });
    for (const arb of [fc.string({ unit: 'binary' }), germanish]) {
      fc.assert(
        fc.property(arb, (s) => {
          const stem = stemGerman(s);
          assert.equal(typeof stem, 'string');
          assert.ok(stem.length <= s.toLowerCase().replace(/ß/g, 'ss').length, `${s} → ${stem}`);
        }),
      );
    }
  });
});

describe('words', () => {
  test('lowercases and splits on everything that is not a letter or digit', () => {
    assert.deepEqual(words('Labore, Städte; Verwaltungen!'), ['labore', 'städte', 'verwaltungen']);
    assert.deepEqual(words('Seit 2024: 3 Labs in NRW'), ['seit', '2024', 'labs', 'in', 'nrw']);
  });

  test('keeps hyphenated parts and the joined form', () => {
    assert.deepEqual(words('Open-Data-Portal'), ['open', 'data', 'portal', 'opendataportal']);
    assert.deepEqual(words('E-Mail'), ['mail', 'email']);
    assert.deepEqual(words('10-Punkte-Plan'), ['10', 'punkte', 'plan', '10punkteplan']);
  });

  test('drops one-character words', () => {
    assert.deepEqual(words('a b c Ä ß 1 x-y'), ['xy']);
  });

  test('handles emoji, HTML-looking input and decomposed umlauts without throwing', () => {
    assert.deepEqual(words('🚀 Start 🎉🎉'), ['start']);
    assert.deepEqual(words('<script>alert("x")</script>'), ['script', 'alert', 'script']);
    assert.deepEqual(words('Bu\u0308rger'), ['bürger']);
    assert.deepEqual(words('Bürger\u00ADbeteiligung'), ['bürgerbeteiligung']);
    assert.deepEqual(words(''), []);
    assert.deepEqual(words('\ud800 -- ... \u0000'), []);
  });

  test('only yields lowercase words of at least two characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        for (const w of words(s)) {
          assert.ok([...w].length >= 2, w);
          assert.equal(w, w.toLowerCase());
          assert.doesNotMatch(w, /\s/u);
        }
      }),
    );
  });
});

describe('GERMAN_STOP_WORDS', () => {
  test('is the Snowball German list', () => {
    for (const w of ['und', 'oder', 'der', 'die', 'das', 'wie', 'für', 'mit', 'über', 'zwischen', 'daß']) {
      assert.ok(GERMAN_STOP_WORDS.has(w), w);
    }
    assert.equal(GERMAN_STOP_WORDS.size, 231);
    for (const w of ['stadt', 'labor', 'beteiligung', 'digital']) assert.ok(!GERMAN_STOP_WORDS.has(w), w);
  });
});

describe('compoundTails', () => {
  test('yields the tails of at least 6 letters that start at index 4 or later', () => {
    const tails = compoundTails('bürgerbeteiligungen');
    assert.ok(tails.includes('beteiligungen'));
    assert.equal(tails[0], 'erbeteiligungen');
    assert.equal(tails.at(-1), 'gungen');
    assert.ok(tails.every((t) => t.length >= 6 && 'bürgerbeteiligungen'.endsWith(t)));
    assert.equal(tails.length, 19 - 9);
  });

  test('leaves short words, numbers and mixed tokens alone', () => {
    assert.deepEqual(compoundTails('verwaltung'), ['altung']); // 10 letters: exactly one tail
    assert.deepEqual(compoundTails('beteiligt'), []);
    assert.deepEqual(compoundTails('123456789012'), []);
    assert.deepEqual(compoundTails('abcdefghij2'), []);
  });

  test('stays bounded for long words', () => {
    assert.ok(compoundTails('a'.repeat(40)).length <= 30);
    const longest = compoundTails('rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz');
    assert.ok(longest.length <= 30);
    assert.ok(longest.includes('gesetz') && longest.includes('übertragungsgesetz'));
    assert.deepEqual(compoundTails('x'.repeat(1000)), []);
  });
});

describe('indexText and stemmedIndexText', () => {
  const soest = 'Erfahrungen mit Bürgerbeteiligungen in Soest';

  test('indexText has the words without stop words, then their tails, unstemmed', () => {
    const terms = indexText(soest).split(' ');
    assert.deepEqual(terms.slice(0, 3), ['erfahrungen', 'bürgerbeteiligungen', 'soest']);
    assert.ok(terms.includes('beteiligungen'));
    assert.ok(!terms.includes('mit') && !terms.includes('in'));
  });

  test('stemmedIndexText holds the stems of the same terms', () => {
    assert.deepEqual(stemmedIndexText(soest).split(' '), indexText(soest).split(' ').map(stemGerman));
    assert.equal(indexText('und oder der'), '');
    assert.equal(stemmedIndexText(''), '');
  });

  test('"Beteiligung" finds a text about "Bürgerbeteiligungen"', () => {
    assert.ok(stemmedIndexText(soest).split(' ').includes(queryStems('Beteiligung')[0]!));
    assert.ok(matches(soest, 'Beteiligung'));
    assert.ok(matches(soest, 'Bürgerbeteiligung Soest'));
  });

  test('inflected forms find each other', () => {
    assert.ok(matches('Die Stadt Soest und ihre Stadtteile', 'Städte'));
    assert.ok(matches('In deutschen Städten', 'Stadt'));
    assert.ok(matches('Unser Labor in Kiel', 'Labore'));
    assert.ok(matches('Viele Labore arbeiten zusammen', 'Labor'));
    assert.ok(matches('Moderne Verwaltungen', 'Verwaltung'));
    assert.ok(matches('Die Verwaltung digitalisiert', 'Verwaltungen'));
  });

  test('a query for an unrelated word does not match', () => {
    assert.ok(!matches(soest, 'Haushalt'));
    assert.ok(!matches(soest, 'Beteiligung Haushalt'));
  });

  test('derivations across word classes are not conflated (not required)', () => {
    // "digitale" and "Digitalisierung" need not find each other: the stemmer only removes
    // inflection and a few derivational suffixes, not -isierung.
    assert.equal(stemGerman('digitale'), 'digital');
    assert.equal(stemGerman('Digitalisierung'), 'digitalisier');
  });

  test('a 100 KB text is processed and the output stays bounded', () => {
    const paragraph =
      'Erfahrungen mit Bürgerbeteiligungen in Soest: Das Open-Data-Portal der Stadtverwaltung ' +
      'unterstützt Verwaltungsmitarbeiterinnen bei der Digitalisierung von Antragsverfahren. ';
    const realistic = paragraph.repeat(Math.ceil(100_000 / paragraph.length));
    assert.ok(realistic.length >= 100_000);
    for (const out of [indexText(realistic), stemmedIndexText(realistic)]) {
      assert.ok(out.length > 0 && out.length < 3 * realistic.length, `${out.length}`);
    }

    // Adversarial: many distinct long words, the worst case for compound tails.
    let seed = 1;
    const letter = () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26));
    const distinct: string[] = [];
    for (let size = 0; size < 100_000; size += 31) distinct.push(Array.from({ length: 30 }, letter).join(''));
    const adversarial = distinct.join(' ');
    for (const out of [indexText(adversarial), stemmedIndexText(adversarial)]) {
      assert.ok(out.length < 10 * adversarial.length, `${out.length}`);
    }
  });

  test('never throws and never yields empty tokens (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        for (const out of [indexText(s), stemmedIndexText(s)]) {
          assert.ok(out === '' || out.split(' ').every((t) => t.length > 0));
        }
      }),
    );
  });
});

describe('queryWords and queryStems', () => {
  test('drop stop words and duplicates', () => {
    assert.deepEqual(queryWords('Beteiligung in der Stadt und die Stadt'), ['beteiligung', 'stadt']);
    assert.deepEqual(queryStems('Labor Labore Laboren'), ['labor']);
    assert.deepEqual(queryStems('Städte und Häuser'), ['stadt', 'haus']);
  });

  test('a hyphenated query asks for its parts, so it finds both spellings', () => {
    assert.deepEqual(queryWords('Open-Data'), ['open', 'data']);
    assert.ok(matches('Ein Portal für Open Data', 'Open-Data'));
    assert.ok(matches('Das Open-Data-Portal', 'Open-Data'));
  });

  test('a query of stop words only gives nothing', () => {
    assert.deepEqual(queryWords('und oder der die das wie für mit'), []);
    assert.deepEqual(queryStems('und oder'), []);
    assert.deepEqual(queryWords(''), []);
    assert.deepEqual(queryWords('?! 🚀'), []);
  });

  test('keep at most 10 words', () => {
    const q = 'eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf';
    assert.deepEqual(queryWords(q), ['eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn']);
    assert.ok(queryStems(q).length <= 10);
  });
});
