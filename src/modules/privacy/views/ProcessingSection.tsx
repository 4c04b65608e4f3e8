// The generated part of the Datenschutz page: what is processed, why, for whom, how long —
// from the running settings, so it cannot drift from what the platform does.
import type { PageContext } from '../../../platform/html/page-context.js';
import type { ProcessingActivity } from '../processing.js';

export function ProcessingSection({ ctx, activities }: { ctx: PageContext; activities: ProcessingActivity[] }) {
  const p = ctx.t.privacy.processing;
  return (
    <section aria-labelledby="processing-heading" class="processing">
      <h2 id="processing-heading">{p.title}</h2>
      <p>{p.intro}</p>
      {activities.map((a, i) => (
        <section aria-labelledby={`processing-${i}`}>
          <h3 id={`processing-${i}`}>{a.name}</h3>
          <dl class="facts facts--stacked">
            <div class="facts__row"><dt>{p.purpose}</dt><dd>{a.purpose}</dd></div>
            <div class="facts__row"><dt>{p.subjects}</dt><dd>{a.subjects}</dd></div>
            <div class="facts__row"><dt>{p.data}</dt><dd>{a.data}</dd></div>
            <div class="facts__row"><dt>{p.legalBasis}</dt><dd>{a.legalBasis}</dd></div>
            <div class="facts__row"><dt>{p.recipients}</dt><dd>{a.recipients}</dd></div>
            <div class="facts__row"><dt>{p.retention}</dt><dd>{a.retention}</dd></div>
          </dl>
        </section>
      ))}
      <p>{p.rights}</p>
    </section>
  );
}
