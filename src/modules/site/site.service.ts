// Operator-editable pages. Defaults are written on first start; the operator replaces them.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { type LocalizedText, parseLocalized, serializeLocalized } from '../../platform/i18n/index.js';
import { DEFAULT_PAGES, SITE_PAGE_SLUGS, type SitePageSlug } from './site.defaults.js';

export type SiteService = ReturnType<typeof createSiteService>;
export { SITE_PAGE_SLUGS, type SitePageSlug };

export const MAX_PAGE_LENGTH = 50_000;

export function isSitePageSlug(value: string): value is SitePageSlug {
  return (SITE_PAGE_SLUGS as readonly string[]).includes(value);
}

export function createSiteService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Writes the default text of every page that does not exist yet. */
    async ensureDefaults(): Promise<void> {
      for (const slug of SITE_PAGE_SLUGS) {
        const exists = await db.selectFrom('site_pages').select('slug').where('slug', '=', slug).executeTakeFirst();
        if (!exists) {
          await db.insertInto('site_pages').values({ slug, body: serializeLocalized(DEFAULT_PAGES[slug]), updated_at: clock.now().toISOString(), updated_by: null })
            .onConflict((oc) => oc.column('slug').doNothing()).execute();
        }
      }
    },

    async page(slug: SitePageSlug): Promise<{ body: LocalizedText; updatedAt: Date }> {
      const row = await db.selectFrom('site_pages').select(['body', 'updated_at']).where('slug', '=', slug).executeTakeFirst();
      if (!row) return { body: DEFAULT_PAGES[slug], updatedAt: new Date(0) };
      return { body: parseLocalized(row.body), updatedAt: new Date(row.updated_at) };
    },

    async updatePage(slug: SitePageSlug, body: LocalizedText, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('site_pages').select('body').where('slug', '=', slug).executeTakeFirst();
        const now = clock.now().toISOString();
        const serialized = serializeLocalized(body);
        if (before) await trx.updateTable('site_pages').set({ body: serialized, updated_at: now, updated_by: actor.id }).where('slug', '=', slug).execute();
        else await trx.insertInto('site_pages').values({ slug, body: serialized, updated_at: now, updated_by: actor.id }).execute();
        await recordAudit(trx, clock, actor, {
          action: 'site.page.changed', subjectType: 'site_page', subjectId: slug,
          before: before ? parseLocalized(before.body) : null, after: body,
        });
      });
    },
  };
}
