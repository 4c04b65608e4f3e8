// The settings form of the live room: read and validated at the edge. Only providers the operator
// has set up are accepted; Jitsi embedding only on the operator's own Jitsi server.
import { HOST_NAME } from '../../config.js';
import { field } from '../../platform/http/form.js';
import type { Messages } from '../../platform/i18n/index.js';
import type { FieldErrors } from '../../platform/html/components.js';
import type { LiveSettings } from './live.service.js';
import { MAX_LINK_LENGTH, parseVideoLink } from './video/link.js';
import { VIDEO_PROVIDERS, type VideoProvider } from './video/video.types.js';
import type { LiveSettingsValues } from './views/LiveAdminPage.js';

export const MAX_OPENS_MINUTES_BEFORE = 240;

/** What the operator has set up: the Jitsi server's host (null: none), and whether BigBlueButton is there. */
export interface AvailableProviders {
  jitsi: string | null;
  bbb: boolean;
}

export function providerAvailable(provider: VideoProvider, available: AvailableProviders): boolean {
  return provider === 'link' || (provider === 'jitsi' ? available.jitsi !== null : available.bbb);
}

export function readLiveSettings(body: unknown): LiveSettingsValues {
  return {
    provider: field(body, 'video_provider').trim() || 'link',
    videoUrl: field(body, 'video_url').trim(),
    jitsiDomain: field(body, 'jitsi_domain').trim().toLowerCase(),
    jitsiEmbed: field(body, 'jitsi_embed').trim() || 'tab',
    opensMinutesBefore: field(body, 'opens_minutes_before').trim(),
  };
}

/** "https://meet.example.org/" pasted from the browser is taken as its host. */
function jitsiHost(value: string): string | null {
  const host = /^https:\/\/[^/?#]+\/?$/.test(value) ? value.replace(/^https:\/\//, '').replace(/\/$/, '') : value;
  return HOST_NAME.test(host) ? host : null;
}

export function validateLiveSettings(values: LiveSettingsValues, t: Messages, available: AvailableProviders): { settings?: LiveSettings; errors: FieldErrors } {
  const a = t.liveAdmin;
  const errors: FieldErrors = {};
  const provider = (VIDEO_PROVIDERS as readonly string[]).includes(values.provider) ? values.provider as VideoProvider : null;
  if (!provider || !providerAvailable(provider, available)) errors.video_provider = a.providerUnavailable;

  // The link is kept whichever provider is chosen, so it is checked whenever it is given.
  let videoUrl: string | null = null;
  if (values.videoUrl) {
    videoUrl = parseVideoLink(values.videoUrl);
    if (values.videoUrl.length > MAX_LINK_LENGTH) errors.video_url = t.validation.tooLong(MAX_LINK_LENGTH);
    else if (!videoUrl) errors.video_url = a.invalidUrl;
  }

  let jitsiDomain: string | null = null;
  const embed = values.jitsiEmbed === 'embed';
  if (values.jitsiEmbed !== 'embed' && values.jitsiEmbed !== 'tab') errors.jitsi_embed = a.jitsiEmbedInvalid;
  if (provider === 'jitsi' && available.jitsi) {
    jitsiDomain = jitsiHost(values.jitsiDomain || available.jitsi);
    if (!jitsiDomain) errors.jitsi_domain = a.jitsiDomainInvalid;
    else if (embed && jitsiDomain !== available.jitsi) errors.jitsi_embed = a.jitsiEmbedForeign(available.jitsi);
  }

  const minutes = /^\d{1,3}$/.test(values.opensMinutesBefore) ? Number(values.opensMinutesBefore) : NaN;
  if (!(minutes >= 0 && minutes <= MAX_OPENS_MINUTES_BEFORE)) errors.opens_minutes_before = a.minutesRange;
  if (Object.keys(errors).length > 0 || !provider) return { errors };
  return { settings: { provider, videoUrl, jitsiDomain, jitsiEmbed: provider === 'jitsi' && embed, opensMinutesBefore: minutes }, errors };
}
