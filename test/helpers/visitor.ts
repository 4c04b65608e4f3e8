// A browser-like visitor for app.inject tests: keeps cookies and posts forms with the CSRF
// token of the last form it saw.
import { cookieHeader, csrfTokenFrom, type TestApp } from './app.js';

/** A browser-like visitor: keeps cookies, reads the CSRF token from the last form it saw. */
export function visitor(t: TestApp, initialCookies = '') {
  let cookies = initialCookies;
  let csrf = '';
  return {
    async get(url: string, headers: Record<string, string> = {}) {
      const res = await t.app.inject({ url, headers: { cookie: cookies, ...headers } });
      cookies = cookieHeader(res, cookies);
      if (/name="_csrf"/.test(res.body)) csrf = csrfTokenFrom(res.body);
      return res;
    },
    async post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries({ _csrf: csrf, ...form })) for (const item of [v].flat()) body.append(k, item);
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body.toString() });
      cookies = cookieHeader(res, cookies);
      if (/name="_csrf"/.test(res.body)) csrf = csrfTokenFrom(res.body);
      return res;
    },
  };
}

export type Visitor = ReturnType<typeof visitor>;
