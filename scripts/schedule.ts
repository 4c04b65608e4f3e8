// `npm run --silent schedule -- …`: plans breakout rounds with the scheduler of the networking
// module and prints them as JSON on standard output. Bad input: a message on standard error and
// exit code 2.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { planRounds } from '../src/modules/networking/scheduler/scheduler.js';
import { PeopleCsvError, readPeopleCsv } from '../src/modules/networking/scheduler/csv.js';
import { PlanningError, type Person, type PlanInput, type Spread } from '../src/modules/networking/scheduler/scheduler.types.js';

export const MAX_PEOPLE = 5_000;
export const MAX_ROUNDS = 50;

const HELP = `Usage: npm run --silent schedule -- --people N --group-size S --rounds R [options]
       npm run --silent schedule -- --input people.csv --group-size S --rounds R [options]

Plans breakout rounds in which as few people as possible meet twice, colleagues of one lab are in
different groups and levels are mixed; prints {"rounds": [[[id, …], …], …]} (one list of groups
per round) on standard output.

  --people N           N people with the ids 0 … N-1 (printed as numbers), 1 to ${MAX_PEOPLE}
  --input FILE         people from a CSV file with the header id,name,lab,level and optionally
                       land,topics (topics separated by ; or |); ids printed as strings
  --group-size S       people per group, 2 or more; when the numbers do not divide, groups have
                       S-1 … S+1 people (see --spread)
  --rounds R           rounds to plan, 1 to ${MAX_ROUNDS}
  --seed K             a whole number; the same seed gives the same plan (default 1)
  --spread WHICH       sizes allowed when the numbers do not divide: both (S-1 … S+1, default),
                       smaller (S-1 … S) or larger (S … S+1)
  --theme R=T1,T2,…    make round R (counted from 1) a thematic round on these topics: people go
                       to groups of a topic they chose (CSV column topics); repeatable
  --time-limit MS      stop searching after MS milliseconds (default 1,000 for everyday meetings,
                       up to 10,000 for hard ones)
  --figures            add the plan's figures (repeats, new encounters, colleagues together,
                       level mix, topic fit) to the JSON
  -h, --help           show this text`;

class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

function wholeNumber(option: string, raw: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`${option} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`${option} must be from ${min} to ${max}, got ${raw}`);
  return value;
}

/** Runs the command; returns the exit code (0, or 2 for bad input). */
export function runSchedule(argv: readonly string[], io: Io): number {
  try {
    const values = new Map<string, string>();
    const themes: string[] = [];
    let figures = false;
    const takesValue = new Set(['--people', '--input', '--group-size', '--rounds', '--seed', '--spread', '--time-limit']);
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '-h' || arg === '--help') {
        io.out(`${HELP}\n`);
        return 0;
      }
      if (arg === '--figures') {
        figures = true;
        continue;
      }
      const eq = arg.indexOf('=');
      const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
      if (!takesValue.has(name) && name !== '--theme') throw new UsageError(`unknown option "${arg}"`);
      let value: string | undefined;
      if (name !== arg) value = arg.slice(eq + 1);
      else {
        value = argv[++i];
        if (value === undefined || (value.startsWith('--') && value !== '--')) throw new UsageError(`${name} needs a value`);
      }
      if (name === '--theme') themes.push(value);
      else {
        if (values.has(name)) throw new UsageError(`${name} is given twice`);
        values.set(name, value);
      }
    }

    const peopleArg = values.get('--people');
    const inputArg = values.get('--input');
    if (peopleArg !== undefined && inputArg !== undefined) throw new UsageError('give either --people or --input, not both');
    if (peopleArg === undefined && inputArg === undefined) throw new UsageError('say who takes part: --people N or --input people.csv');
    const sizeArg = values.get('--group-size');
    if (sizeArg === undefined) throw new UsageError('--group-size is missing');
    const roundsArg = values.get('--rounds');
    if (roundsArg === undefined) throw new UsageError('--rounds is missing');
    const groupSize = wholeNumber('--group-size', sizeArg, 2, MAX_PEOPLE);
    const rounds = wholeNumber('--rounds', roundsArg, 1, MAX_ROUNDS);
    const seed = wholeNumber('--seed', values.get('--seed') ?? '1', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const spread = values.get('--spread') ?? 'both';
    if (spread !== 'both' && spread !== 'smaller' && spread !== 'larger') throw new UsageError(`--spread must be both, smaller or larger, got "${spread}"`);
    const limitArg = values.get('--time-limit');
    const timeLimitMs = limitArg === undefined ? undefined : wholeNumber('--time-limit', limitArg, 1, 600_000);

    let people: Person[];
    if (peopleArg !== undefined) {
      const n = wholeNumber('--people', peopleArg, 1, MAX_PEOPLE);
      people = Array.from({ length: n }, (_, i) => ({ id: String(i) }));
    } else {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(inputArg!);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(code === 'ENOENT' ? `${inputArg}: no such file` : code === 'EISDIR' ? `${inputArg} is a directory` : `${inputArg}: cannot be read (${code ?? String(error)})`);
      }
      people = readPeopleCsv(bytes, MAX_PEOPLE);
    }
    if (people.length < groupSize) throw new UsageError(`${people.length} ${people.length === 1 ? 'person is' : 'people are'} fewer than one group of ${groupSize}`);

    const themeList: (string[] | null)[] = Array.from({ length: rounds }, () => null);
    for (const theme of themes) {
      const match = /^(\d+)=(.+)$/.exec(theme);
      if (!match) throw new UsageError(`--theme must look like 2=Open Data,KI (round=topics), got "${theme}"`);
      const round = wholeNumber('the round of --theme', match[1]!, 1, rounds);
      const topics = match[2]!.split(',').map((t) => t.trim()).filter((t) => t !== '');
      if (topics.length === 0) throw new UsageError(`--theme ${theme} names no topics`);
      if (themeList[round - 1]) throw new UsageError(`round ${round} has two --theme options`);
      themeList[round - 1] = topics;
    }

    const input: PlanInput = { people, groupSize, rounds, spread: spread as Spread, seed, timeLimitMs, themes: themeList };
    const plan = planRounds(input);
    const asId = peopleArg !== undefined ? (id: string): string | number => Number(id) : (id: string): string | number => id;
    const output: Record<string, unknown> = { rounds: plan.rounds.map((groups) => groups.map((g) => g.members.map(asId))) };
    if (themes.length > 0) output.topics = plan.rounds.map((groups) => groups.map((g) => g.topic));
    if (figures) output.figures = plan.figures;
    io.out(`${JSON.stringify(output)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof PeopleCsvError || error instanceof PlanningError) {
      io.err(`schedule: ${error.message}\nTry --help for the options.\n`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runSchedule(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
