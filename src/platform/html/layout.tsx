import type { ComponentChildren, VNode } from 'preact';
import type { PageContext } from './page-context.js';
import type { Locale } from '../i18n/index.js';

export function withLang(url: string, locale: Locale): string {
  const parsed = new URL(url, 'http://x');
  parsed.searchParams.set('lang', locale);
  return `${parsed.pathname}${parsed.search}`;
}

export function assetUrl(ctx: Pick<PageContext, 'assetVersion'>, file: string): string {
  return `/assets/${ctx.assetVersion}/${file}`;
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  description?: string | undefined;
  /** Extra elements for <head> (JSON-LD, alternate links). */
  head?: ComponentChildren;
  /** Back-office pages get their own navigation. */
  area?: 'public' | 'admin';
  children: ComponentChildren;
}

export function Layout({ ctx, title, description, head, area = 'public', children }: LayoutProps): VNode {
  const { t, locale } = ctx;
  const other = t.language.switchToLang as Locale;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t.siteName}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={assetUrl(ctx, 'labcamp.css')} />
        <link rel="icon" href={assetUrl(ctx, 'favicon.svg')} type="image/svg+xml" />
        <link rel="alternate" hrefLang={other} href={withLang(ctx.url, other)} />
        {area === 'admin' ? <meta name="robots" content="noindex" /> : null}
        {head}
      </head>
      <body class={area === 'admin' ? 'area-admin' : 'area-public'}>
        <a class="skip-link" href="#main">{t.skipToContent}</a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="brand" href={area === 'admin' ? '/admin' : '/'}>
              <span class="brand__name">{t.siteName}</span>
              <span class="brand__tagline">{area === 'admin' ? t.admin.title : t.siteTagline}</span>
            </a>
            <nav class="site-nav" aria-label={t.nav.main}>
              <ul>
                {area === 'admin' ? <AdminNav ctx={ctx} /> : <PublicNav ctx={ctx} />}
                <li>
                  <a class="lang-switch" href={withLang(ctx.url, other)} hrefLang={other} lang={other} title={t.language.switchHint}>
                    {t.language.switchTo}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1} class="container">
          {children}
        </main>
        <footer class="site-footer">
          <div class="container site-footer__inner">
            <nav aria-label={t.footer.label}>
              <ul>
                <li><a href="/impressum">{t.footer.imprint}</a></li>
                <li><a href="/datenschutz">{t.footer.privacy}</a></li>
              </ul>
            </nav>
            <p>{t.footer.about}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function PublicNav({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const here = (path: string) => (ctx.url === path || ctx.url.startsWith(`${path}?`) || ctx.url.startsWith(`${path}/`) ? 'page' : undefined);
  return (
    <>
      <li><a href="/">{t.nav.events}</a></li>
      <li><a href="/labs" aria-current={here('/labs')}>{t.community.nav.labs}</a></li>
      <li><a href="/practices" aria-current={here('/practices')}>{t.community.nav.practices}</a></li>
      <li><a href="/challenges" aria-current={here('/challenges')}>{t.community.nav.challenges}</a></li>
    </>
  );
}

function AdminNav({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  if (!ctx.organizer) return null;
  return (
    <>
      <li><a href="/admin">{t.admin.events}</a></li>
      {ctx.organizer.moderatesCommunity ? <li><a href="/admin/community">{t.community.admin.title}</a></li> : null}
      {ctx.organizer.isAdmin ? <li><a href="/admin/pages">{t.admin.pages}</a></li> : null}
      {ctx.organizer.isAdmin ? <li><a href="/admin/audit">{t.admin.audit}</a></li> : null}
      {ctx.organizer.isAdmin ? <li><a href="/admin/privacy">{t.privacy.admin.title}</a></li> : null}
      <li><a href="/admin/account">{t.account.title}</a></li>
      <li>
        <form method="post" action="/admin/logout" class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          <button type="submit" class="button button--link">{t.admin.logout}</button>
        </form>
      </li>
    </>
  );
}
