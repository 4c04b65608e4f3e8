// An event's own mail templates: one row per event, template and language (mail_templates).
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { RegistrantTemplate, TemplateText } from './templates.js';

export interface TemplateOverride extends TemplateText {
  template: string;
  locale: string;
  updatedBy: number | null;
  updatedAt: string;
}

/** The event's own version of one mail in one language, if it has one (one indexed select). */
export async function findTemplateOverride(db: Db, eventId: number, template: string, locale: string): Promise<TemplateText | undefined> {
  return db.selectFrom('mail_templates').select(['subject', 'body'])
    .where('event_id', '=', eventId).where('template', '=', template).where('locale', '=', locale)
    .executeTakeFirst();
}

export async function listTemplateOverrides(db: Db, eventId: number): Promise<TemplateOverride[]> {
  const rows = await db.selectFrom('mail_templates').select(['template', 'locale', 'subject', 'body', 'updated_by', 'updated_at'])
    .where('event_id', '=', eventId).execute();
  return rows.map((r) => ({ template: r.template, locale: r.locale, subject: r.subject, body: r.body, updatedBy: r.updated_by, updatedAt: r.updated_at }));
}

/** Stores the event's version (insert or replace), audited with the text before and after. */
export async function saveTemplateOverride(
  db: Db, clock: Clock, actor: Actor, eventId: number, template: RegistrantTemplate, locale: Locale, text: TemplateText,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findTemplateOverride(trx, eventId, template, locale);
    const now = clock.now().toISOString();
    if (before) {
      await trx.updateTable('mail_templates').set({ subject: text.subject, body: text.body, updated_by: actor.id, updated_at: now })
        .where('event_id', '=', eventId).where('template', '=', template).where('locale', '=', locale).execute();
    } else {
      await trx.insertInto('mail_templates').values({ event_id: eventId, template, locale, subject: text.subject, body: text.body, updated_by: actor.id, updated_at: now }).execute();
    }
    await recordAudit(trx, clock, actor, {
      action: 'mail_template.saved', subjectType: 'mail_template', subjectId: `${template}:${locale}`, eventId,
      before: before ? { subject: before.subject, body: before.body } : { default: true },
      after: { subject: text.subject, body: text.body },
    });
  });
}

/** Back to the default: the event's version is deleted, audited. False when there was none. */
export async function resetTemplateOverride(db: Db, clock: Clock, actor: Actor, eventId: number, template: RegistrantTemplate, locale: Locale): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findTemplateOverride(trx, eventId, template, locale);
    if (!before) return false;
    await trx.deleteFrom('mail_templates').where('event_id', '=', eventId).where('template', '=', template).where('locale', '=', locale).execute();
    await recordAudit(trx, clock, actor, {
      action: 'mail_template.reset', subjectType: 'mail_template', subjectId: `${template}:${locale}`, eventId,
      before: { subject: before.subject, body: before.body }, after: { default: true },
    });
    return true;
  });
}
