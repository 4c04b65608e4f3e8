// The personal page: opened by the personal link, it shows the status and offers what fits it.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ButtonLink, CheckboxField, CsrfField, ErrorSummary, type FieldErrors, Notice } from '../../../platform/html/components.js';
import { formatLongDate, formatTime } from '../../../platform/time.js';
import type { LabEvent } from '../../events/events.types.js';
import { text, when } from '../../events/events.present.js';
import type { FormValues } from '../registration.form.js';
import type { Question, Registration } from '../registration.types.js';
import { RegistrantFields, errorLabels } from './RegistrantFields.js';

interface Props {
  ctx: PageContext;
  token: string;
  event: LabEvent;
  registration: Registration;
  questions: Question[];
  values: FormValues;
  errors: FieldErrors;
  knownLabs: string[];
  waitlistPosition: number | null;
  notice?: string | undefined;
  askCancel?: boolean;
  /** The meeting's outcome report is released to participants. */
  outcomes?: boolean;
}

export function PersonalPage({ ctx, token, event, registration: reg, questions, values, errors, knownLabs, waitlistPosition, notice, askCancel, outcomes }: Props) {
  const p = ctx.t.personal;
  const { locale } = ctx;
  const title = text(event, 'title', locale).text;
  const at = (d: Date) => `${formatLongDate(d, event.timeZone, locale)}, ${formatTime(d, event.timeZone, locale)}`;
  const active = ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered'].includes(reg.status);
  const base = `/r/${token}`;
  return (
    <Layout ctx={ctx} title={p.title}>
      <div class="page-narrow">
        <h1>{p.title}</h1>
        <p class="lead"><a href={`/events/${event.slug}`}>{title}</a><br />{when(event, ctx.t, locale).label}</p>
        {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}

        <section class="status-box" aria-labelledby="status">
          <h2 class="status-box__label" id="status">{p.status}</h2>
          <p class="status-box__value">{p.statuses[reg.status]}</p>
          {reg.status === 'unconfirmed' && reg.confirmBy ? (
            <form method="post" action={`${base}/confirm`}>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <p>{p.confirmText(at(reg.confirmBy))}</p>
              <Button type="submit">{p.confirm}</Button>
            </form>
          ) : null}
          {reg.status === 'waitlisted' && waitlistPosition ? <p>{p.waitlistPosition(waitlistPosition)}</p> : null}
          {reg.status === 'offered' && reg.offerExpiresAt ? (
            <form method="post" action={`${base}/accept`}>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <p>{p.offerText(at(reg.offerExpiresAt))}</p>
              <Button type="submit">{p.accept}</Button>
            </form>
          ) : null}
          {reg.status === 'rejected' && reg.rejectReason ? <p>{p.rejectedReason(reg.rejectReason)}</p> : null}
          {reg.status === 'admitted' ? (
            <>
              <p>{p.accessLater}</p>
              <p class="cta"><ButtonLink href={`${base}/live`}>{p.liveRoom}</ButtonLink></p>
              <p class="cta"><ButtonLink href={`${base}/event.ics`} kind="secondary" download>{p.calendar}</ButtonLink></p>
              <p><a href={`${base}/participants`}>{ctx.t.participants.link}</a></p>
              {outcomes ? <p class="cta"><ButtonLink href={`${base}/outcomes`} kind="secondary">{ctx.t.outcomes.toReport}</ButtonLink></p> : null}
            </>
          ) : null}
        </section>


        {active ? (
          <section aria-labelledby="details">
            <h2 id="details">{p.details}</h2>
            <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={errorLabels(ctx, questions)} />
            <form method="post" action={base} novalidate>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <p class="muted">{ctx.t.registration.email}: {reg.email}</p>
              <RegistrantFields ctx={ctx} values={values} errors={errors} questions={questions} knownLabs={knownLabs} withEmail={false} headingLevel={3} />
              <CheckboxField name="listed" label={ctx.t.registration.listed} checked={values.listed} />
              <Button type="submit">{p.save}</Button>
            </form>
          </section>
        ) : null}

        {active ? (
          <section class="form-section" aria-labelledby="cancel">
            <h2 id="cancel">{p.cancelTitle}</h2>
            {askCancel ? (
              <form method="post" action={`${base}/cancel`}>
                <CsrfField token={ctx.csrfToken ?? ''} />
                <p>{p.cancelQuestion}</p>
                <div class="form-actions">
                  <Button type="submit" name="confirm" value="yes">{p.cancelConfirm}</Button>
                  <a href={base}>{ctx.t.personal.title}</a>
                </div>
              </form>
            ) : (
              <>
                <p>{p.cancelText}</p>
                <p><a class="button button--secondary" href={`${base}?cancel=1#cancel`}>{p.cancel}</a></p>
              </>
            )}
          </section>
        ) : null}
        {reg.status === 'admitted' ? (
          <section class="form-section" aria-labelledby="community">
            <h2 id="community">{ctx.t.community.member.join}</h2>
            <p>{ctx.t.community.member.joinIntro}</p>
            <form method="post" action={`${base}/community`}>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <Button type="submit" kind="secondary">{ctx.t.community.member.joinButton}</Button>
            </form>
          </section>
        ) : null}

        <section class="form-section" aria-labelledby="your-data">
          <h2 id="your-data">{ctx.t.privacy.data.section}</h2>
          <p>{ctx.t.privacy.data.sectionIntro}</p>
          <ul>
            <li><a href={`${base}/data`}>{ctx.t.privacy.data.view}</a></li>
            <li><a href={`${base}/data.json`} download>{ctx.t.privacy.data.download}</a></li>
            <li><a href={`${base}/erase`}>{ctx.t.privacy.data.erase}</a></li>
          </ul>
        </section>
      </div>
    </Layout>
  );
}
