import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField, DataTable, ErrorSummary, type FieldErrors, Notice, TextArea } from '../../../platform/html/components.js';
import type { LocalizedText } from '../../../platform/i18n/index.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';
import { MAX_PAGE_LENGTH, type SitePageSlug } from '../site.service.js';

export function SitePagesList({ ctx, pages }: { ctx: PageContext; pages: Array<{ slug: SitePageSlug; updatedAt: Date }> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.admin.pages} area="admin">
      <h1>{t.admin.pages}</h1>
      <DataTable caption={t.admin.pages} head={[t.admin.columns.title, t.admin.columns.when, t.admin.columns.action]}>
        {pages.map((page) => (
          <tr>
            <td>{t.pages[page.slug]}</td>
            <td>{page.updatedAt.getTime() === 0 ? '–' : `${formatShortDate(page.updatedAt, 'Europe/Berlin', ctx.locale)} ${formatTime(page.updatedAt, 'Europe/Berlin', ctx.locale)}`}</td>
            <td><a href={`/admin/pages/${page.slug}`}>{t.admin.edit} <span class="visually-hidden">({t.pages[page.slug]})</span></a> · <a href={`/${page.slug}`}>{t.admin.view} <span class="visually-hidden">({t.pages[page.slug]})</span></a></td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function SitePageForm({ ctx, slug, body, errors, saved }: { ctx: PageContext; slug: SitePageSlug; body: LocalizedText; errors: FieldErrors; saved: boolean }) {
  const { t } = ctx;
  const title = t.admin.editPage(t.pages[slug] ?? slug);
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      {saved ? <Notice kind="success" role="status">{t.admin.saved}</Notice> : null}
      <ErrorSummary errors={errors} title={t.errors.formSummary} labels={{ body_de: t.admin.bodyDe, body_en: t.admin.bodyEn }} />
      <form method="post" action={`/admin/pages/${slug}`} novalidate>
        <CsrfField token={ctx.csrfToken ?? ''} />
        <TextArea name="body_de" label={t.admin.bodyDe} hint={t.admin.bodyHint} value={body.de} error={errors.body_de} required rows={16} maxLength={MAX_PAGE_LENGTH} />
        <TextArea name="body_en" label={t.admin.bodyEn} value={body.en} error={errors.body_en} rows={16} maxLength={MAX_PAGE_LENGTH} />
        <Button type="submit">{t.admin.save}</Button>
      </form>
    </Layout>
  );
}
