// The presenter view: the highlighted question alone, in large type, for the screen the speaker
// and the stream see. Without JavaScript it is current on reload; with it, it follows the
// moderator within a few seconds (presenter.js asks for the highlighted question as JSON).
import type { PageContext } from '../../../platform/html/page-context.js';
import { assetUrl } from '../../../platform/html/layout.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import type { Question } from '../qa.service.js';

export function PresenterPage({ ctx, event, question }: { ctx: PageContext; event: LabEvent; question: Question | null }) {
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
        <script src={assetUrl(ctx, 'presenter.js')} defer />
      </head>
      <body class="presenter">
        <main class="presenter__main" data-source={`/events/${event.slug}/live/presenter`} data-anonymous={q.anonymousName} data-none={q.presenterNone}>
          <h1 class="presenter__event">{eventTitle}</h1>
          <div class="presenter__question" aria-live="polite">
            {question ? (
              <>
                <p class="presenter__text">{question.text}</p>
                <p class="presenter__meta">{question.authorName ?? q.anonymousName} · <span>▲ {question.votes}</span></p>
              </>
            ) : <p class="presenter__none">{q.presenterNone}</p>}
          </div>
          <p class="presenter__hint"><a href={`/events/${event.slug}/live/questions`}>{q.allQuestions}</a></p>
        </main>
      </body>
    </html>
  );
}
