import type { Locale, Messages } from '../i18n/index.js';

/** What every page needs to know about the request it answers. */
export interface PageContext {
  locale: Locale;
  t: Messages;
  /** Path and query of this request, for the language switch. */
  url: string;
  /** Set on back-office pages when an organizer is signed in. */
  organizer?: { name: string; isAdmin: boolean; moderatesCommunity?: boolean } | undefined;
  /** A CSRF token for forms on this page (the layout's sign-out form needs it). */
  csrfToken?: string | undefined;
  /** Asset URLs carry a version so they can be cached for a year. */
  assetVersion: string;
}
