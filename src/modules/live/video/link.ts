// Any other video system: the organizers' https link, shown to those who may enter.

export const MAX_LINK_LENGTH = 2000;

/** The link as stored, or null when it is not one participants' browsers may be sent to. */
export function parseVideoLink(value: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  // Only https: the link leads participants' browsers (and their meeting password) elsewhere.
  if (parsed.protocol !== 'https:' || !parsed.hostname || /[\s<>"]/.test(value)) return null;
  return parsed.toString();
}
