// `npm run --silent schedule -- …` (issue #6, item 3) as someone at a terminal uses it: a real
// process (started as test/main.test.ts starts the server: node --import tsx), JSON on standard
// output, the same plan for the same seed, people from a CSV file, and bad input refused with a
// message on standard error and a non-zero exit code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function schedule(...args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/schedule.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the commands four at a time (each is a Node process of its own). */
async function scheduleAll(argsList: string[][]): Promise<Result[]> {
  const results: Result[] = new Array(argsList.length);
  let next = 0;
  const worker = async () => {
    while (next < argsList.length) {
      const i = next++;
      results[i] = await schedule(...argsList[i]!);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}

/** Pairs meeting more than once. */
function repeats(rounds: unknown[][][]): number {
  const seen = new Set<string>();
  let twice = 0;
  for (const groups of rounds) {
    for (const group of groups) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const key = [String(group[i]), String(group[j])].sort().join('|');
          if (seen.has(key)) twice++;
          seen.add(key);
        }
      }
    }
  }
  return twice;
}

function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labcamp-schedule-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('npm run schedule', () => {
  test('--people: JSON with rounds of groups of the ids 0…N-1 as numbers; the same seed gives the same plan', async () => {
    const [a, b, c] = await Promise.all([
      schedule('--people', '15', '--group-size', '3', '--rounds', '7', '--seed', '42'),
      schedule('--people', '15', '--group-size', '3', '--rounds', '7', '--seed', '42'),
      schedule('--people', '15', '--group-size', '3', '--rounds', '7', '--seed', '43'),
    ]);
    for (const r of [a, b, c]) assert.equal(r.code, 0, r.stderr);
    assert.equal(a.stderr, '');
    const plan = JSON.parse(a.stdout) as { rounds: number[][][] };
    assert.deepEqual(Object.keys(plan), ['rounds']);
    assert.equal(plan.rounds.length, 7);
    for (const groups of plan.rounds) {
      assert.equal(groups.length, 5);
      assert.ok(groups.every((g) => g.length === 3 && g.every((id) => typeof id === 'number')));
      assert.deepEqual(groups.flat().sort((x, y) => x - y), Array.from({ length: 15 }, (_, i) => i));
    }
    assert.equal(repeats(plan.rounds), 0);
    assert.equal(a.stdout, b.stdout);
    assert.notEqual(a.stdout, c.stdout);
  });

  test('numbers that do not divide, --spread, --figures', async () => {
    const r = await schedule('--people', '22', '--group-size', '4', '--rounds', '3', '--spread', 'smaller', '--figures');
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { rounds: number[][][]; figures: { repeatedPairs: number; newEncounters: number } };
    for (const groups of plan.rounds) {
      assert.equal(groups.flat().length, 22);
      assert.ok(groups.every((g) => g.length === 3 || g.length === 4));
    }
    assert.equal(plan.figures.repeatedPairs, 0);
    assert.ok(plan.figures.newEncounters > 0);
  });

  test('--input: people from a CSV file, their ids as strings; colleagues apart; a thematic round', async () => {
    const rows = ['id,name,lab,level,land,topics'];
    for (let i = 0; i < 24; i++) {
      const topics = ['"Open Data;KI"', 'KI', 'Open Data'][Math.floor(i / 8)]!;
      rows.push(`m-${i},"Person ${i}, Lab ${i % 6}",Lab ${i % 6},${['bund', 'land', 'kommune'][i % 3]},NW,${topics}`);
    }
    const file = tempFile('people.csv', `\uFEFF${rows.join('\r\n')}\r\n`);
    const r = await schedule('--input', file, '--group-size', '4', '--rounds', '3', '--seed', '7', '--theme', '3=Open Data,KI', '--figures');
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { rounds: string[][][]; topics: (string | null)[][]; figures: { sameLabPairs: number; repeatedPairs: number; topicFit: number } };
    assert.equal(plan.rounds.length, 3);
    for (const groups of plan.rounds) {
      assert.deepEqual(groups.flat().sort(), Array.from({ length: 24 }, (_, i) => `m-${i}`).sort());
      for (const g of groups) assert.equal(new Set(g.map((id) => Number(id.slice(2)) % 6)).size, g.length, 'colleagues in one group');
    }
    assert.equal(plan.figures.sameLabPairs, 0);
    assert.equal(plan.figures.repeatedPairs, 0);
    assert.ok(plan.topics[0]!.every((t) => t === null));
    assert.ok(plan.topics[2]!.every((t) => t === 'Open Data' || t === 'KI'));
    assert.equal(plan.figures.topicFit, 1);

    // German Excel: semicolons, Windows-1252.
    const excel = tempFile('excel.csv', Buffer.from('ID;Name;Lab;Level\r\na;J\xfcrgen;Amt f\xfcr Digitales;kommune\r\nb;Bea;Amt f\xfcr Digitales;land\r\nc;Cem;Stadtlabor;bund\r\nd;Dora;Stadtlabor;kommune\r\n', 'latin1'));
    const excelRun = await schedule('--input', excel, '--group-size', '2', '--rounds', '1');
    assert.equal(excelRun.code, 0, excelRun.stderr);
    const groups = (JSON.parse(excelRun.stdout) as { rounds: string[][][] }).rounds[0]!;
    assert.ok(groups.every((g) => !(g.includes('a') && g.includes('b')) && !(g.includes('c') && g.includes('d'))));
  });

  test('bad input: a clear message on standard error, exit code 2, nothing on standard output', async () => {
    const noLevel = tempFile('no-level.csv', 'id,name,lab\n1,A,X\n');
    const twice = tempFile('twice.csv', 'id,name,lab,level\n1,A,X,bund\n2,B,Y,land\n1,C,Z,land\n');
    const unclosed = tempFile('unclosed.csv', 'id,name,lab,level\n1,"A,X,bund\n');
    const cases: [string[], RegExp][] = [
      [['--group-size', '3', '--rounds', '2'], /--people N or --input/],
      [['--people', '10', '--rounds', '2'], /--group-size is missing/],
      [['--people', '10', '--group-size', '3'], /--rounds is missing/],
      [['--people', 'ten', '--group-size', '3', '--rounds', '2'], /--people must be a whole number, got "ten"/],
      [['--people', '10', '--group-size', '1', '--rounds', '2'], /--group-size must be from 2/],
      [['--people', '10', '--group-size', '3.5', '--rounds', '2'], /--group-size must be a whole number/],
      [['--people', '3', '--group-size', '4', '--rounds', '2'], /fewer than one group of 4/],
      [['--people', '10', '--group-size', '3', '--rounds', '0'], /--rounds must be from 1 to 50/],
      [['--people', '10', '--group-size', '3', '--rounds', '51'], /--rounds must be from 1 to 50/],
      [['--people', '5001', '--group-size', '3', '--rounds', '2'], /--people must be from 1 to 5000/],
      [['--people', '10', '--group-size', '3', '--rounds', '2', '--seed', 'x'], /--seed must be a whole number/],
      [['--people', '10', '--group-size', '3', '--rounds', '2', '--spread', 'wide'], /--spread must be both, smaller or larger/],
      [['--people', '10', '--input', noLevel, '--group-size', '3', '--rounds', '2'], /either --people or --input/],
      [['--people', '10', '--people', '12', '--group-size', '3', '--rounds', '2'], /--people is given twice/],
      [['--people', '10', '--group-size', '3', '--rounds', '2', '--colour', 'red'], /unknown option "--colour"/],
      [['--people', '10', '--group-size', '3', '--rounds', '2', '--theme', 'KI'], /--theme must look like/],
      [['--people', '10', '--group-size', '3', '--rounds'], /--rounds needs a value/],
      [['--input', path.join(os.tmpdir(), 'no-such-file.csv'), '--group-size', '3', '--rounds', '2'], /no such file/],
      [['--input', noLevel, '--group-size', '3', '--rounds', '2'], /header lacks level/],
      [['--input', twice, '--group-size', '2', '--rounds', '2'], /line 4: the id "1" is there twice \(also on line 2\)/],
      [['--input', unclosed, '--group-size', '2', '--rounds', '2'], /quoted field is not closed/],
    ];
    const results = await scheduleAll(cases.map(([args]) => args));
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i]!;
      assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}, ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  test('--help explains the options', async () => {
    const r = await schedule('--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--people N/);
    assert.match(r.stdout, /--input FILE/);
    assert.match(r.stdout, /id,name,lab,level/);
  });
});
