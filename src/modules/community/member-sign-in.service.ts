// Signing in again as a member with a link mailed to the member's address. Members join through
// their registration's personal link (no password); that link stops working once the event's
// personal data is anonymised, so without this a member of a past meeting could never come back.
// The answer to "mail me a link" is the same whether or not the address belongs to a member.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { hashToken, looksLikeToken, randomToken } from '../../platform/tokens.js';
import { enqueueMail } from '../messaging/outbox.js';
import { renderNoticeMail } from '../messaging/templates.js';
import { type MembersService, toMember } from './members.service.js';
import type { Member } from './community.types.js';

/** How long a mailed link works. */
export const SIGN_IN_LINK_MINUTES = 60;
/** Links mailed to one member per hour; more requests send nothing (and say the same). */
export const SIGN_IN_LINKS_PER_HOUR = 3;

export function createMemberSignInService({ db, clock, members, link, onMailQueued }: {
  db: Db; clock: Clock; members: Pick<MembersService, 'startSession'>; link: (path: string) => string; onMailQueued: () => void;
}) {
  return {
    /** Mails a one-time sign-in link if `email` belongs to a member (and they asked fewer than 3 times this hour). */
    async requestLink(email: string): Promise<void> {
      const queued = await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('members').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
        if (!row) return false;
        const member = toMember(row);
        const now = clock.now();
        const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
        // Old links go; only the last hour's are kept, for the limit.
        await trx.deleteFrom('member_sign_in_links').where('member_id', '=', member.id).where('created_at', '<=', hourAgo).execute();
        const recent = await trx.selectFrom('member_sign_in_links').select((eb) => eb.fn.countAll<number | string>().as('n')).where('member_id', '=', member.id).executeTakeFirstOrThrow();
        if (Number(recent.n) >= SIGN_IN_LINKS_PER_HOUR) return false;
        const token = randomToken();
        const stored = await trx.insertInto('member_sign_in_links').values({
          token_hash: hashToken(token), member_id: member.id, created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000).toISOString(), used_at: null,
        }).returning('id').executeTakeFirstOrThrow();
        await enqueueMail(trx, clock, {
          ...signInMail(member, link(`/community/sign-in/${token}`)), idempotencyKey: `member-sign-in:${stored.id}`, eventId: null, registrationId: null,
          template: 'community_sign_in', locale: member.locale === 'en' ? 'en' : 'de', to: { address: member.email, name: member.name },
        });
        return true;
      });
      if (queued) onMailQueued();
    },

    /** Whether `token` is a link that still works (for the page with the sign-in button). */
    async isValid(token: string): Promise<boolean> {
      if (!looksLikeToken(token)) return false;
      const row = await db.selectFrom('member_sign_in_links').select('id').where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null).where('expires_at', '>', clock.now().toISOString()).executeTakeFirst();
      return Boolean(row);
    },

    /** Uses the link once: a member session, or null for an unknown, used or expired link. */
    async redeem(token: string): Promise<{ member: Member; sessionId: string } | null> {
      if (!looksLikeToken(token)) return null;
      return db.transaction().execute(async (trx) => {
        const now = clock.now().toISOString();
        const used = await trx.updateTable('member_sign_in_links').set({ used_at: now })
          .where('token_hash', '=', hashToken(token)).where('used_at', 'is', null).where('expires_at', '>', now)
          .returning('member_id').executeTakeFirst();
        if (!used) return null;
        const row = await trx.selectFrom('members').selectAll().where('id', '=', used.member_id).executeTakeFirstOrThrow();
        return { member: toMember(row), sessionId: await members.startSession(trx, row.id) };
      });
    },
  };
}

export type MemberSignInService = ReturnType<typeof createMemberSignInService>;

function signInMail(member: Member, href: string) {
  const de = member.locale !== 'en';
  return renderNoticeMail({
    subject: de ? 'Euer Anmeldelink für die LabCamp-Community' : 'Your sign-in link for the LabCamp community',
    greeting: de ? `Hallo ${member.name},` : `Hello ${member.name},`,
    lines: de
      ? [`mit diesem Link meldet ihr euch einmalig in der LabCamp-Community an. Er gilt ${SIGN_IN_LINK_MINUTES} Minuten.`, 'Habt ihr keinen Link angefordert? Dann ignoriert diese Mail einfach; ohne den Link passiert nichts.']
      : [`this link signs you in to the LabCamp community once. It is valid for ${SIGN_IN_LINK_MINUTES} minutes.`, 'Did not ask for a link? Simply ignore this mail; nothing happens without the link.'],
    action: { label: de ? 'Anmelden' : 'Sign in', href },
    footer: de ? 'Diese Mail wurde von LabCamp gesendet, weil jemand für diese Adresse einen Anmeldelink angefordert hat.' : 'This mail was sent by LabCamp because someone asked for a sign-in link for this address.',
  });
}
