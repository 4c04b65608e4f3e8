// Control of the live room in the back office: its state, open early or close, and its settings.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Button, ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, Notice, SelectField, TextField } from '../../../platform/html/components.js';
import { pickLocalized } from '../../../platform/i18n/locale.js';
import { formatLongDate, formatTime } from '../../../platform/time.js';
import { eventLanguage, text } from '../../events/events.present.js';
import type { AgendaItem } from '../../program/program.types.js';
import type { LabEvent } from '../../events/events.types.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import type { RoomState } from '../live.service.js';
import type { AvailableProviders } from '../live.form.js';

export interface LiveSettingsValues {
  provider: string;
  videoUrl: string;
  jitsiDomain: string;
  /** 'tab' | 'embed' */
  jitsiEmbed: string;
  opensMinutesBefore: string;
}

export function LiveAdminPage({ ctx, event, state, values, errors, notice, agenda, nowItemId, canControl, canEdit, available }: {
  ctx: PageContext; event: LabEvent; state: RoomState; values: LiveSettingsValues; errors: FieldErrors;
  notice?: string | undefined; agenda: AgendaItem[]; nowItemId: number | null; canControl: boolean; canEdit: boolean; available: AvailableProviders;
}) {
  const a = ctx.t.liveAdmin;
  const title = a.title(text(event, 'title', ctx.locale).text);
  const base = `/admin/events/${event.slug}/live`;
  const canOpen = canControl && (state.state === 'not-yet-open' || state.state === 'closed');
  const canClose = canControl && (state.state === 'open' || state.state === 'not-yet-open');
  const titleOf = (i: AgendaItem) => pickLocalized(i.title, ctx.locale, eventLanguage(event)).text;
  const nowItem = agenda.find((i) => i.id === nowItemId);
  const nowTitle = nowItem ? titleOf(nowItem) : null;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="live" canEdit={canEdit} />
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <section aria-labelledby="live-state" class="live-controls">
        <h2 id="live-state">{a.stateHeading}</h2>
        <p><Badge kind={state.state === 'open' ? 'open' : state.state === 'not-yet-open' ? 'neutral' : 'closed'}>{stateLabel(ctx, event, state)}</Badge></p>
        {canControl ? null : <p class="muted">{a.readOnly}</p>}
        {canOpen ? (
          <form method="post" action={`${base}/open`}>
            <CsrfField token={ctx.csrfToken ?? ''} />
            <p class="muted">{a.openHint}</p>
            <Button>{state.state === 'closed' ? a.reopen : a.open}</Button>
          </form>
        ) : null}
        {canClose ? (
          <form method="post" action={`${base}/close`}>
            <CsrfField token={ctx.csrfToken ?? ''} />
            <p class="muted">{a.closeHint}</p>
            <Button kind="secondary">{a.close}</Button>
          </form>
        ) : null}
        <p><a href={`/events/${event.slug}/live`}>{a.view}</a></p>
        {canControl ? <p><a href={`/events/${event.slug}/live/questions`}>{ctx.t.qaAdmin.moderate}</a></p> : null}
      </section>
      {agenda.length > 0 ? (
        <section aria-labelledby="live-now" class="live-controls">
          <h2 id="live-now">{a.nowHeading}</h2>
          <p>{nowTitle ? a.nowIs(nowTitle) : a.nowNone}</p>
          {canControl ? (
            <>
              <form method="post" action={`${base}/now`}>
                <CsrfField token={ctx.csrfToken ?? ''} />
                <input type="hidden" name="item" value="next" />
                <Button>{a.nowNext}</Button>
              </form>
              <form method="post" action={`${base}/now`} class="qa-tools">
                <CsrfField token={ctx.csrfToken ?? ''} />
                <SelectField name="item" label={a.nowChoose} value={nowItemId === null ? '' : String(nowItemId)}
                  options={[{ value: '', label: a.nowNoneOption }, ...agenda.map((i) => ({ value: String(i.id), label: titleOf(i) }))]} />
                <Button kind="secondary">{a.nowSet}</Button>
              </form>
            </>
          ) : null}
        </section>
      ) : null}
      {canEdit ? (
        <section aria-labelledby="live-settings">
          <h2 id="live-settings">{a.settings}</h2>
          <ErrorSummary
            errors={errors} title={ctx.t.errors.formSummary}
            labels={{ video_provider: a.provider, video_url: a.videoUrl, jitsi_domain: a.jitsiDomain, jitsi_embed: a.jitsiEmbed, opens_minutes_before: a.opensMinutesBefore }}
          />
          <form method="post" action={base} novalidate>
            <CsrfField token={ctx.csrfToken ?? ''} />
            <ChoiceGroup
              name="video_provider" legend={a.provider} type="radio" selected={[values.provider]} error={errors.video_provider}
              hint={[a.providerHint, available.jitsi ? '' : a.jitsiMissing, available.bbb ? '' : a.bbbMissing].filter(Boolean).join(' ')}
              options={[
                { value: 'link', label: a.providerLink },
                ...(available.jitsi ? [{ value: 'jitsi', label: a.providerJitsi }] : []),
                ...(available.bbb ? [{ value: 'bbb', label: a.providerBbb }] : []),
              ]}
            />
            <TextField name="video_url" type="url" label={a.videoUrl} hint={a.videoUrlHint} value={values.videoUrl} error={errors.video_url} maxLength={2000} spellcheck={false} />
            {available.jitsi ? (
              <fieldset class="fieldset">
                <legend>{a.jitsiHeading}</legend>
                <TextField name="jitsi_domain" label={a.jitsiDomain} hint={a.jitsiDomainHint(available.jitsi)} value={values.jitsiDomain || available.jitsi} error={errors.jitsi_domain} maxLength={260} spellcheck={false} />
                <ChoiceGroup
                  name="jitsi_embed" legend={a.jitsiEmbed} type="radio" selected={[values.jitsiEmbed]} error={errors.jitsi_embed}
                  options={[{ value: 'tab', label: a.jitsiEmbedTab }, { value: 'embed', label: a.jitsiEmbedPage }]}
                />
              </fieldset>
            ) : null}
            <TextField name="opens_minutes_before" label={a.opensMinutesBefore} hint={a.opensMinutesBeforeHint} value={values.opensMinutesBefore} error={errors.opens_minutes_before} maxLength={3} />
            <div class="form-actions"><Button>{a.save}</Button></div>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

function stateLabel(ctx: PageContext, event: LabEvent, state: RoomState): string {
  const s = ctx.t.liveAdmin.state;
  switch (state.state) {
    case 'open': return state.early ? s.openEarly : s.open;
    case 'not-yet-open': return s.notYetOpen(formatLongDate(state.opensAt, event.timeZone, ctx.locale), formatTime(state.opensAt, event.timeZone, ctx.locale));
    case 'closed': return s.closed;
    case 'over': return s.over;
    case 'cancelled': return s.cancelled;
  }
}
