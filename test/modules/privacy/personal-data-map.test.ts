// Nothing forgotten (ADR 31): every table with a column that can hold a participant's name,
// address or identity must be either anonymised by the privacy module or listed, with a reason, as
// holding no participant data. A new module's table fails this test until it is placed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { NOT_PARTICIPANT_DATA, PERSONAL_DATA } from '../../../src/modules/privacy/erase.js';

const PERSONAL_COLUMNS = /^(email|name|to_address|to_name|registration_id|author_name|author_key|author_member_id|voter|member_id|from_member_id|to_member_id|content|data)$/;

describe('the personal data map', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(testDialects()[0]!);
  });
  after(async () => t.close());

  test('every table with personal columns is anonymised or explained', async () => {
    const tables = await t.database.db.introspection.getTables();
    const known = new Set([...Object.keys(PERSONAL_DATA), ...Object.keys(NOT_PARTICIPANT_DATA)]);
    const unplaced = tables
      .filter((table) => !table.name.startsWith('kysely_') && !table.name.startsWith('practice_search'))
      .filter((table) => table.columns.some((c) => PERSONAL_COLUMNS.test(c.name)))
      .map((table) => table.name)
      .filter((name) => !known.has(name));
    assert.deepEqual(unplaced, [], `place these tables in src/modules/privacy/erase.ts: ${unplaced.join(', ')}`);
    const names = new Set(tables.map((table) => table.name));
    for (const name of known) assert.ok(names.has(name), `${name} is listed but does not exist`);
  });
});
