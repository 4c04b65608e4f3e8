import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE } from '../../platform/db/columns.js';

export const siteMigrations: Record<string, Migration> = {
  '0400-site-pages': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('site_pages')
        .addColumn('slug', 'varchar(50)', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('updated_by', 'integer')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('site_pages').execute();
    },
  },
};
