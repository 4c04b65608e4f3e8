// BigBlueButton: every API call is <BBB_URL>/api/<call>?<query>&checksum=<hex>, the checksum being
// the hash of call name + query string + shared secret (sha256 by default, sha1 for old servers).
// `create` is idempotent (BBB docs), so each join creates the meeting first, then redirects to
// the signed `join` URL with the role the person has.
import { createHash, randomBytes } from 'node:crypto';
import type { VideoConfig } from '../../../config.js';
import type { Joiner } from './video.types.js';

export type BbbConfig = NonNullable<VideoConfig['bbb']>;
export type Fetch = typeof fetch;

/** How long a join waits for BigBlueButton before telling the person to try again. */
const CREATE_TIMEOUT_MS = 5000;

/** Random, so two LabCamps sharing one BigBlueButton server never meet in the same meeting. */
export function newBbbMeetingId(): string {
  return `labcamp-${randomBytes(16).toString('hex')}`;
}

export function bbbChecksum(call: string, query: string, secret: string, algorithm: BbbConfig['checksum']): string {
  return createHash(algorithm).update(call + query + secret).digest('hex');
}

/** The signed URL of an API call. The query is form-encoded (spaces as +), exactly as it is hashed. */
export function bbbCallUrl(config: BbbConfig, call: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `${config.url}/api/${call}?${query}&checksum=${bbbChecksum(call, query, config.secret, config.checksum)}`;
}

/**
 * Creates the meeting (or finds it running). True when BigBlueButton answers SUCCESS; false
 * when it is unreachable, slow or refuses — the caller tells the person to try again.
 */
export async function bbbCreate(fetcher: Fetch, config: BbbConfig, meeting: { meetingID: string; name: string; logoutURL: string }): Promise<boolean> {
  try {
    const response = await fetcher(bbbCallUrl(config, 'create', meeting), { signal: AbortSignal.timeout(CREATE_TIMEOUT_MS) });
    if (!response.ok) return false;
    return /<returncode>\s*SUCCESS\s*<\/returncode>/.test(await response.text());
  } catch {
    return false;
  }
}

/** The personal join URL: BBB 2.4+ takes the role directly (no meeting passwords to hand out). */
export function bbbJoinUrl(config: BbbConfig, meetingID: string, joiner: Joiner): string {
  return bbbCallUrl(config, 'join', { fullName: joiner.name, meetingID, role: joiner.moderator ? 'MODERATOR' : 'VIEWER', redirect: 'true' });
}
