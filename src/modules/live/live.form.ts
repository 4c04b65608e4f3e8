// The settings form of the live room: read and validated at the edge.
import { field } from '../../platform/http/form.js';
import type { Messages } from '../../platform/i18n/index.js';
import type { FieldErrors } from '../../platform/html/components.js';
import type { LiveSettingsValues } from './views/LiveAdminPage.js';

export const MAX_OPENS_MINUTES_BEFORE = 240;

export function readLiveSettings(body: unknown): LiveSettingsValues {
  return { videoUrl: field(body, 'video_url').trim(), opensMinutesBefore: field(body, 'opens_minutes_before').trim() };
}

export function validateLiveSettings(values: LiveSettingsValues, t: Messages): { settings?: { videoUrl: string | null; opensMinutesBefore: number }; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let videoUrl: string | null = null;
  if (values.videoUrl) {
    // Only https: the link leads participants' browsers (and their meeting password) elsewhere.
    let parsed: URL | null = null;
    try {
      parsed = new URL(values.videoUrl);
    } catch {
      parsed = null;
    }
    if (values.videoUrl.length > 2000) errors.video_url = t.validation.tooLong(2000);
    else if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname || /[\s<>"]/.test(values.videoUrl)) errors.video_url = t.liveAdmin.invalidUrl;
    else videoUrl = parsed.toString();
  }
  const minutes = /^\d{1,3}$/.test(values.opensMinutesBefore) ? Number(values.opensMinutesBefore) : NaN;
  if (!(minutes >= 0 && minutes <= MAX_OPENS_MINUTES_BEFORE)) errors.opens_minutes_before = t.liveAdmin.minutesRange;
  if (Object.keys(errors).length > 0) return { errors };
  return { settings: { videoUrl, opensMinutesBefore: minutes }, errors };
}
