// Request logs must not contain secrets: personal and login links carry tokens in their path.
const TOKEN_SEGMENT = /[A-Za-z0-9_-]{32,}/g;

export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const cleanPath = path.replace(TOKEN_SEGMENT, '[token]');
  return query === undefined ? cleanPath : `${cleanPath}?[query]`;
}
