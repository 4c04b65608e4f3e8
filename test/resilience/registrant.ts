// A person registering through the public form of a running server, over real HTTP (fetch): the
// form is fetched once for its CSRF pair and its fields, then posted with a new address each time.
// Answers count as acknowledged only when the user saw the "almost done" page.

const HEADERS = { 'Accept-Language': 'de' };

export type Outcome = 'acknowledged' | 'no answer' | `status ${number}`;

export interface RegistrationForm {
  /** Posts the form for `email`; 'no answer' when the connection failed (the server is gone). */
  submit(email: string): Promise<{ outcome: Outcome; retryAfter: string | null }>;
}

/**
 * A GET right after a restart may go out on a kept-alive connection to the killed process and fail
 * at once; a browser would simply load the page again.
 */
async function getWithRetry(url: string, attempts = 5): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { headers: HEADERS, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      if (attempt >= attempts) throw new Error(`GET ${url}: ${String((error as { cause?: unknown }).cause ?? error)}`);
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/** An answer to each of the event's own questions on a rendered form: a choice's first option, a sentence for a text. */
export function questionAnswers(html: string): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const m of html.matchAll(/<(input|textarea)[^>]*\bname="(q\d+)"[^>]*>/g)) {
    const [tag, kind, name] = m as unknown as [string, string, string];
    if (name in answers) continue;
    const value = kind === 'input' ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
    answers[name] = value || 'Neue Kontakte und übertragbare Praktiken für unser Labor.';
  }
  return answers;
}

/**
 * Reads the form of `slug` as a browser would: the CSRF cookie and token, and an answer to each
 * of the event's own questions (first option of a choice, a sentence for a text).
 */
export async function openRegistrationForm(origin: string, slug: string): Promise<RegistrationForm> {
  const path = `/events/${slug}/register`;
  const page = await getWithRetry(origin + path);
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  const html = await page.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => c.startsWith('lc_')).join('; ');
  if (!token || !cookie) throw new Error('the registration form has no CSRF token or cookie');
  const answers = questionAnswers(html);
  return {
    async submit(email) {
      const body = new URLSearchParams({
        _csrf: token, name: 'Resi Lienz', email, organisation: 'Stadtlabor Ausfallsicher', level: 'kommune', land: 'BE', privacy: 'yes',
        ...answers,
      });
      try {
        const res = await fetch(origin + path, {
          method: 'POST', body, redirect: 'manual',
          headers: { ...HEADERS, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        const outcome: Outcome = res.status === 200 && text.includes('Fast geschafft') ? 'acknowledged' : `status ${res.status}`;
        return { outcome, retryAfter: res.headers.get('retry-after') };
      } catch {
        return { outcome: 'no answer', retryAfter: null };
      }
    },
  };
}
