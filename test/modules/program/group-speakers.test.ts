import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { groupSpeakers } from '../../../src/modules/program/program.service.js';
import type { ProgramPerson } from '../../../src/modules/program/program.types.js';

const person = (id: number, name: string, bio: string): ProgramPerson => ({ id, role: 'speaker', name, organisation: null, bio: bio ? { de: bio } : {} });

describe('speaker entries', () => {
  test('people next to each other with one shared bio form one entry, as on the seed page', () => {
    const groups = groupSpeakers([person(1, 'Aydan', 'A'), person(2, 'Elisabeth', 'Soest'), person(3, 'Hanna', 'Soest'), person(4, 'Benjamin', 'B')]);
    assert.deepEqual(groups.map((g) => g.map((p) => p.name)), [['Aydan'], ['Elisabeth', 'Hanna'], ['Benjamin']]);
  });

  test('people without a bio are never merged', () => {
    assert.equal(groupSpeakers([person(1, 'X', ''), person(2, 'Y', '')]).length, 2);
  });
});
