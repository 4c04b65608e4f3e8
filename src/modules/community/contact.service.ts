// "Get in touch": a member writes to another through the platform. Neither learns the other's
// address; the mail carries a link to answer the same way. Only the fact of a message is stored
// (for the daily limit and for answers), the text goes into the mail alone.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { enqueueMail } from '../messaging/outbox.js';
import { renderNoticeMail } from '../messaging/templates.js';
import type { Member } from './community.types.js';
import { memberActor, toMember } from './members.service.js';

export const CONTACT_MIN = 10;
export const CONTACT_MAX = 2000;
/** Messages a member may send in 24 hours: plenty for getting in touch, too few for spam. */
export const CONTACT_PER_DAY = 10;

export function createContactService({ db, clock, link, onMailQueued }: { db: Db; clock: Clock; link: (path: string) => string; onMailQueued: () => void }) {
  return {
    /** The member `from` may write to: findable ones, and anyone who wrote to `from` (to answer). Never oneself. */
    async recipient(from: Member, toId: number): Promise<Member | null> {
      if (toId === from.id) return null;
      const row = await db.selectFrom('members').selectAll().where('id', '=', toId).executeTakeFirst();
      if (!row) return null;
      if (row.findable === 1) return toMember(row);
      const wrote = await db.selectFrom('contact_messages').select('id').where('from_member_id', '=', toId).where('to_member_id', '=', from.id).executeTakeFirst();
      return wrote ? toMember(row) : null;
    },

    async send(from: Member, to: Member, text: string, fromLab: string | null): Promise<'sent' | 'too-many'> {
      const outcome = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
        const sent = await trx.selectFrom('contact_messages').select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('from_member_id', '=', from.id).where('created_at', '>', since).executeTakeFirstOrThrow();
        if (Number(sent.n) >= CONTACT_PER_DAY) return 'too-many' as const;
        const row = await trx.insertInto('contact_messages').values({ from_member_id: from.id, to_member_id: to.id, created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
        const de = to.locale !== 'en';
        const who = fromLab ? `${from.name} (${fromLab})` : from.name;
        const mail = renderNoticeMail({
          subject: de ? `Nachricht über LabCamp von ${from.name}` : `Message via LabCamp from ${from.name}`,
          greeting: de ? `Hallo ${to.name},` : `Hello ${to.name},`,
          lines: [
            de ? `${who} hat euch über die LabCamp-Community geschrieben:` : `${who} wrote to you through the LabCamp community:`,
            text,
            de ? 'Eure Adresse bleibt verborgen. Auch eure Antwort geht über die Plattform.' : 'Your address stays hidden. Your answer goes through the platform too.',
          ],
          action: { label: de ? 'Antworten' : 'Answer', href: link(`/community/members/${from.id}/contact`) },
          footer: de
            ? 'Diese Mail wurde von LabCamp gesendet, weil ihr in der Community gefunden werden könnt oder jemandem geschrieben habt. Ob man euch finden kann, stellt ihr in eurem Profil ein.'
            : 'This mail was sent by LabCamp because you can be found in the community or wrote to someone. Whether you can be found is set in your profile.',
        });
        await enqueueMail(trx, clock, {
          ...mail, idempotencyKey: `contact:${row.id}`, eventId: null, registrationId: null, template: 'community_contact',
          locale: de ? 'de' : 'en', to: { address: to.email, name: to.name },
        });
        await recordAudit(trx, clock, memberActor(from), { action: 'community.contact.sent', subjectType: 'member', subjectId: to.id });
        return 'sent' as const;
      });
      if (outcome === 'sent') onMailQueued();
      return outcome;
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;
