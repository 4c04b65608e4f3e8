// Messages to registrations in the back office: the list, and one message — its editor with
// preview, test mail and send while it is a draft; the record of what went out once it is sent.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Button, ButtonLink, ChoiceGroup, CsrfField, DataTable, ErrorSummary, type FieldErrors, Notice, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import { LEVELS } from '../../../platform/germany.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import type { Placeholder } from '../placeholders.js';
import type { RenderedMail } from '../templates.js';
import { BODY_MAX, SUBJECT_MAX } from '../templates.form.js';
import type { Broadcast } from '../broadcasts.service.js';
import { BROADCAST_STATUSES, type BroadcastFormValues, MESSAGE_LOCALES } from '../broadcasts.form.js';
import { PlaceholderList } from './PlaceholderList.js';

function useFormat(ctx: PageContext, event: LabEvent) {
  const at = (d: Date) => `${formatShortDate(d, event.timeZone, ctx.locale)}, ${formatTime(d, event.timeZone, ctx.locale)}`;
  const statusNames = ctx.t.registrationsAdmin.statuses;
  const levelNames = ctx.t.registration.levels;
  const audience = (b: Pick<Broadcast, 'statuses' | 'levels'>) =>
    `${b.statuses.map((s) => statusNames[s]).join(', ')} · ${b.levels.length ? b.levels.map((l) => levelNames[l]).join(', ') : ctx.t.broadcasts.allLevels}`;
  return { at, audience, statusNames, levelNames };
}

export function BroadcastsPage({ ctx, event, broadcasts, notice, canWrite, canEditEvent }: {
  ctx: PageContext; event: LabEvent; broadcasts: Broadcast[]; notice?: string | undefined; canWrite: boolean; canEditEvent: boolean;
}) {
  const b = ctx.t.broadcasts;
  const { at, audience } = useFormat(ctx, event);
  const title = b.title(text(event, 'title', ctx.locale).text);
  const base = `/admin/events/${event.slug}/broadcasts`;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="broadcasts" canEdit={canEditEvent} />
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <p>{b.intro}</p>
      {canWrite ? <p><ButtonLink href={`${base}/new`}>{b.write}</ButtonLink></p> : <p class="muted">{b.readOnly}</p>}
      {broadcasts.length === 0 ? <p>{b.none}</p> : (
        <DataTable caption={b.caption} head={[b.columns.subject, b.columns.audience, b.columns.state]}>
          {broadcasts.map((x) => (
            <tr>
              <td lang={x.locale}><a href={`${base}/${x.id}`}>{x.subject}</a></td>
              <td>{audience(x)}</td>
              <td>
                {x.state === 'sent'
                  ? <><Badge kind="closed">{b.states.sent}</Badge> {b.sentOn(at(x.sentAt!), x.recipients, x.sentBy ?? '')}</>
                  : <><Badge kind="open">{b.states.draft}</Badge> {b.draftOf(at(x.createdAt), x.createdBy ?? '')}</>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}

export interface BroadcastPageProps {
  ctx: PageContext;
  event: LabEvent;
  /** null: a new message that is not saved yet. */
  broadcast: Broadcast | null;
  values: BroadcastFormValues;
  errors: FieldErrors;
  placeholders: Placeholder[];
  notice?: string | undefined;
  /** Why sending did not happen (recipients changed, no test mail). */
  problem?: string | undefined;
  organizerEmail: string;
  /** The saved text filled with sample values. */
  preview?: RenderedMail | undefined;
  /** How many registrations the saved filters reach now. */
  recipients?: number | undefined;
  delivery?: Record<string, number> | undefined;
  /** May write, test and send (a draft is shown as its editor). */
  canWrite: boolean;
  /** For the tabs: may edit the event. */
  canEditEvent: boolean;
}

export function BroadcastPage(props: BroadcastPageProps) {
  const { ctx, event, broadcast } = props;
  const b = ctx.t.broadcasts;
  const title = broadcast ? b.messageTitle(broadcast.subject) : b.newTitle;
  const base = `/admin/events/${event.slug}/broadcasts`;
  const editing = props.canWrite && broadcast?.state !== 'sent';
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="broadcasts" canEdit={props.canEditEvent} />
      {props.notice ? <Notice kind="success" role="status">{props.notice}</Notice> : null}
      {props.problem ? <Notice kind="error" role="alert">{props.problem}</Notice> : null}
      <p><a href={base}>{b.back}</a></p>
      {editing ? <Editor {...props} /> : <SentRecord {...props} broadcast={broadcast!} />}
    </Layout>
  );
}

function Editor({ ctx, event, broadcast, values, errors, placeholders, organizerEmail, preview, recipients }: BroadcastPageProps) {
  const b = ctx.t.broadcasts;
  const { audience, statusNames, levelNames } = useFormat(ctx, event);
  const base = `/admin/events/${event.slug}/broadcasts`;
  const self = broadcast ? `${base}/${broadcast.id}` : base;
  const csrf = ctx.csrfToken ?? '';
  return (
    <>
      <p>{b.steps}</p>
      <div class="template-editor">
        <div class="template-editor__main">
          <h2>{b.step1}</h2>
          <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={{ subject: b.subject, body: b.body, locale: b.locale, statuses: b.statuses, levels: b.levels }} />
          <form method="post" action={self} novalidate>
            <CsrfField token={csrf} />
            <TextField name="subject" label={b.subject} value={values.subject} error={errors.subject} maxLength={SUBJECT_MAX} required spellcheck />
            <TextArea name="body" label={b.body} hint={b.bodyHint} value={values.body} error={errors.body} rows={14} maxLength={BODY_MAX} required />
            <SelectField name="locale" label={b.locale} hint={b.localeHint} value={values.locale} error={errors.locale} options={MESSAGE_LOCALES.map((l) => ({ value: l, label: b.languages[l]! }))} />
            <ChoiceGroup name="statuses" legend={b.statuses} type="checkbox" options={BROADCAST_STATUSES.map((v) => ({ value: v, label: statusNames[v]! }))} selected={values.statuses} error={errors.statuses} required />
            <ChoiceGroup name="levels" legend={b.levels} hint={b.levelsHint} type="checkbox" options={LEVELS.map((v) => ({ value: v, label: levelNames[v]! }))} selected={values.levels} error={errors.levels} />
            <div class="form-actions"><Button>{broadcast ? b.save : b.create}</Button></div>
          </form>
        </div>
        <PlaceholderList ctx={ctx} placeholders={placeholders} note={b.accessLinkNote} />
      </div>
      {broadcast && preview && recipients !== undefined ? (
        <>
          <section aria-labelledby="preview-heading" class="mail-preview">
            <h2 id="preview-heading">{b.step2}</h2>
            <p class="muted">{b.previewNote}</p>
            <h3>{b.previewSubject}</h3>
            <p lang={broadcast.locale} class="mail-preview__subject">{preview.subject}</p>
            <h3>{b.previewText}</h3>
            <pre class="mail-text" lang={broadcast.locale}>{preview.text}</pre>
            <p><a href={`${self}/html`} target="_blank" rel="noopener">{b.openHtml}</a></p>
          </section>
          <section aria-labelledby="test-heading">
            <h2 id="test-heading">{b.step3}</h2>
            <p>{broadcast.tested ? b.testedAlready(formatTime(broadcast.testedAt!, event.timeZone, ctx.locale)) : b.testFirst}</p>
            <form method="post" action={`${self}/test`}>
              <CsrfField token={csrf} />
              <Button kind={broadcast.tested ? 'secondary' : 'primary'}>{b.sendTest(organizerEmail)}</Button>
            </form>
          </section>
          <section aria-labelledby="send-heading">
            <h2 id="send-heading">{b.step4}</h2>
            <p>{b.reaches(recipients)} ({audience(broadcast)})</p>
            {recipients === 0 ? <p class="muted">{b.noRecipients}</p>
              : !broadcast.tested ? <p class="muted">{b.notTested}</p>
              : (
                <form method="post" action={`${self}/send`}>
                  <CsrfField token={csrf} />
                  <input type="hidden" name="expected" value={String(recipients)} />
                  <p class="muted">{b.sendNote}</p>
                  <Button>{b.send(recipients)}</Button>
                </form>
              )}
          </section>
          <section aria-labelledby="delete-heading">
            <h2 id="delete-heading" class="visually-hidden">{b.deleteHeading}</h2>
            <form method="post" action={`${self}/delete`} class="form-actions">
              <CsrfField token={csrf} />
              <Button kind="secondary">{b.delete}</Button>
            </form>
          </section>
        </>
      ) : null}
    </>
  );
}

/** What a sent message was, to whom, and how its mails stand; a draft as read-only roles see it. */
function SentRecord({ ctx, event, broadcast, preview, recipients, delivery }: BroadcastPageProps & { broadcast: Broadcast }) {
  const b = ctx.t.broadcasts;
  const { at, audience } = useFormat(ctx, event);
  const states = ctx.t.mailsAdmin.statuses;
  return (
    <>
      <dl class="meta-list">
        <dt>{b.stateLabel}</dt>
        <dd>{broadcast.state === 'sent'
          ? `${b.states.sent} ${b.sentOn(at(broadcast.sentAt!), broadcast.recipients, broadcast.sentBy ?? '')}`
          : `${b.states.draft}, ${b.draftOf(at(broadcast.createdAt), broadcast.createdBy ?? '')}`}</dd>
        <dt>{b.columns.audience}</dt>
        <dd>{audience(broadcast)}{recipients !== undefined ? ` – ${b.reaches(recipients)}` : ''}</dd>
        <dt>{b.locale}</dt>
        <dd>{b.languages[broadcast.locale]}</dd>
        {delivery ? (
          <>
            <dt>{b.deliveryLabel}</dt>
            <dd>
              {Object.keys(delivery).length === 0 ? b.deliveryNone : Object.entries(delivery).map(([status, n]) => `${states[status] ?? status}: ${n}`).join(' · ')}
              {' '}<a href={`/admin/events/${event.slug}/mails`}>{b.toMails}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {preview ? (
        <section aria-labelledby="text-heading">
          <h2 id="text-heading">{b.textHeading}</h2>
          <p class="muted">{b.previewNote}</p>
          <p lang={broadcast.locale} class="mail-preview__subject">{preview.subject}</p>
          <pre class="mail-text" lang={broadcast.locale}>{preview.text}</pre>
        </section>
      ) : null}
    </>
  );
}
