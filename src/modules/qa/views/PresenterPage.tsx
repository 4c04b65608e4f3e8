// The presenter view: the highlighted question alone, in large type, for the screen the speaker
// and the stream see. Without JavaScript it is current on reload; with it, it follows the
// moderator at once (live-updates.js fetches this part again when questions change).
import type { PageContext } from '../../../platform/html/page-context.js';
import { assetUrl } from '../../../platform/html/layout.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import type { Question } from '../qa.service.js';

export function PresenterPage({ ctx, event, question, since }: { ctx: PageContext; event: LabEvent; question: Question | null; since: number }) {
  const q = ctx.t.qa;
  const eventTitle = text(event, 'title', ctx.locale).text;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${q.presenterTitle} – ${eventTitle}`}</title>
        <link rel="stylesheet" href={assetUrl(ctx, 'labcamp.css')} />
        <script src={assetUrl(ctx, 'live-updates.js')} defer />
      </head>
      <body class="presenter">
        <main class="presenter__main" data-stream={`/events/${event.slug}/live/stream`} data-since={String(since)}>
          <h1 class="presenter__event">{eventTitle}</h1>
          <div class="presenter__question" aria-live="polite" data-fragment="presenter" data-on="question vote">
            <PresenterQuestion ctx={ctx} question={question} />
          </div>
          <p class="presenter__hint"><a href={`/events/${event.slug}/live/questions`}>{q.allQuestions}</a></p>
        </main>
      </body>
    </html>
  );
}

/** The highlighted question, or a line that says none is: what the live updates fetch again. */
export function PresenterQuestion({ ctx, question }: { ctx: PageContext; question: Question | null }) {
  const q = ctx.t.qa;
  if (!question) return <p class="presenter__none">{q.presenterNone}</p>;
  return (
    <>
      <p class="presenter__text">{question.text}</p>
      <p class="presenter__meta">{question.authorName ?? q.anonymousName} · <span>▲ {question.votes}</span></p>
    </>
  );
}
