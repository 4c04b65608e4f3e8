// /admin/account: the signed-in organizer's name, password, two-factor sign-in and personal API tokens.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { checkText, field } from '../../platform/http/form.js';
import { HttpError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { FieldErrors } from '../../platform/html/components.js';
import type { Messages } from '../../platform/i18n/index.js';
import { AccountPage, type AccountView } from './views/AccountPage.js';
import { RecoveryCodesPage, TotpSetupPage } from './views/TotpSetupPage.js';
import { newTotpSecret, otpauthUri } from '../../platform/totp.js';
import { PASSWORD_LIMITS } from './access.passwords.js';
import { API_TOKEN_NAME_MAX } from './access.api-tokens.js';

const DONE = ['name', 'password', 'revoked', 'totp-on', 'totp-off'] as const;

/** A new password: long enough, not too long, typed twice alike. Control characters are allowed (it is a secret). */
export function checkNewPassword(next: string, confirm: string, t: Messages): FieldErrors {
  const errors: FieldErrors = {};
  if (next.length < PASSWORD_LIMITS.min) errors.new_password = next === '' ? t.validation.required : t.account.tooShort(PASSWORD_LIMITS.min);
  else if (next.length > PASSWORD_LIMITS.max) errors.new_password = t.validation.tooLong(PASSWORD_LIMITS.max);
  else if (confirm !== next) errors.confirm_password = t.account.mismatch;
  return errors;
}

/** "2027-03-01" → the start of that day in UTC, or an error message. */
export function parseExpiry(raw: string, now: Date, t: Messages): { date: Date | null; error?: string } {
  if (raw === '') return { date: null };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) return { date: null, error: t.account.invalidDate };
  if (date <= now) return { date: null, error: t.account.dateInPast };
  return { date };
}

export const accessAccount: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, clock }) => {
  const actor = (request: FastifyRequest): Actor & { id: number } => ({ id: request.organizer!.id, label: request.organizer!.name });

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Partial<AccountView> = {}, status = 200) {
    const organizer = request.organizer!;
    const [account, tokens, totp] = await Promise.all([services.access.account(organizer.id), services.access.apiTokens.list(organizer.id), services.access.totpEnabled(organizer.id)]);
    if (!account) throw new HttpError(404);
    const view: AccountView = { ...account, totp, tokens, now: clock.now(), ...extra };
    return reply.html(<AccountPage ctx={pageContext(request, reply, assetVersion, { csrf: true })} view={view} />, status);
  }

  app.get<{ Querystring: { done?: string } }>('/admin/account', async (request, reply) => {
    const done = DONE.find((d) => d === request.query.done);
    const a = request.t.account;
    const notice = done === 'name' ? a.nameSaved : done === 'password' ? a.passwordSaved : done === 'revoked' ? a.tokenRevoked
      : done === 'totp-on' ? request.t.totp.enabled : done === 'totp-off' ? request.t.totp.disabled : undefined;
    return page(request, reply, { notice });
  });

  app.post('/admin/account/name', async (request, reply) => {
    const name = field(request.body, 'name').trim();
    const error = checkText(name, request.t, { required: true, max: 200 });
    if (error) return page(request, reply, { errors: { name: error }, values: { name } }, 422);
    await services.access.rename(actor(request), name);
    return reply.redirect('/admin/account?done=name', 303);
  });

  app.post('/admin/account/password', async (request, reply) => {
    const account = await services.access.account(request.organizer!.id);
    const current = field(request.body, 'current_password');
    const errors = checkNewPassword(field(request.body, 'new_password'), field(request.body, 'confirm_password'), request.t);
    if (account?.hasPassword && current === '') errors.current_password = request.t.validation.required;
    if (Object.keys(errors).length > 0) return page(request, reply, { errors }, 422);
    const changed = await services.access.changePassword(actor(request), account?.hasPassword ? current : null, field(request.body, 'new_password'));
    if (!changed) return page(request, reply, { errors: { current_password: request.t.account.wrongCurrent } }, 422);
    return reply.redirect('/admin/account?done=password', 303);
  });

  app.post('/admin/account/tokens', async (request, reply) => {
    const name = field(request.body, 'token_name').trim();
    const rawExpiry = field(request.body, 'token_expires').trim();
    const errors: FieldErrors = {};
    const nameError = checkText(name, request.t, { required: true, max: API_TOKEN_NAME_MAX });
    if (nameError) errors.token_name = nameError;
    const expiry = parseExpiry(rawExpiry.slice(0, 20), clock.now(), request.t);
    if (expiry.error) errors.token_expires = expiry.error;
    if (Object.keys(errors).length > 0) return page(request, reply, { errors, values: { tokenName: name.slice(0, 300), tokenExpires: rawExpiry.slice(0, 20) } }, 422);
    const { token } = await services.access.apiTokens.create(actor(request), { name, expiresAt: expiry.date });
    // Shown on this response only (no redirect): the plain token is never stored.
    return page(request, reply, { newToken: token });
  });

  // ---- Two-factor sign-in (TOTP, ADR 32) --------------------------------------------------------------
  const totpPage = async (request: FastifyRequest, reply: FastifyReply, state: { on: boolean; secret?: string; error?: string; renewError?: string }, status = 200) =>
    reply.header('Cache-Control', 'no-store').html(
      <TotpSetupPage ctx={pageContext(request, reply, assetVersion, { csrf: true })} on={state.on} secret={state.secret}
        uri={state.secret ? otpauthUri(state.secret, request.organizer!.email, 'LabCamp') : undefined} error={state.error} renewError={state.renewError}
        left={state.on ? await services.access.recoveryCodesLeft(request.organizer!.id) : undefined} />,
      status,
    );
  // Shown on this response only (no redirect): the codes are stored hashed.
  const codesPage = (request: FastifyRequest, reply: FastifyReply, codes: string[]) =>
    reply.header('Cache-Control', 'no-store').html(<RecoveryCodesPage ctx={pageContext(request, reply, assetVersion)} codes={codes} />);

  app.get('/admin/account/totp', async (request, reply) => {
    const on = await services.access.totpEnabled(request.organizer!.id);
    // A fresh secret for each setup page: it is stored only once a code for it was right.
    return totpPage(request, reply, on ? { on } : { on, secret: newTotpSecret() });
  });

  app.post('/admin/account/totp', async (request, reply) => {
    const secret = field(request.body, 'secret').replace(/\s/g, '').toUpperCase();
    if (!/^[A-Z2-7]{32}$/.test(secret)) throw new HttpError(400);
    if (await services.access.totpEnabled(request.organizer!.id)) return reply.redirect('/admin/account/totp', 303);
    const codes = await services.access.enableTotp(actor(request), secret, field(request.body, 'code'));
    if (!codes) return totpPage(request, reply, { on: false, secret, error: request.t.totp.wrong }, 422);
    return codesPage(request, reply, codes);
  });

  app.post('/admin/account/totp/recovery-codes', async (request, reply) => {
    if (!(await services.access.totpEnabled(request.organizer!.id))) return reply.redirect('/admin/account/totp', 303);
    const codes = await services.access.renewRecoveryCodes(actor(request), field(request.body, 'renew_code'));
    if (!codes) return totpPage(request, reply, { on: true, renewError: request.t.totp.wrong }, 422);
    return codesPage(request, reply, codes);
  });

  app.post('/admin/account/totp/disable', async (request, reply) => {
    if (!(await services.access.disableTotp(actor(request), field(request.body, 'code')))) return totpPage(request, reply, { on: true, error: request.t.totp.wrong }, 422);
    return reply.redirect('/admin/account?done=totp-off', 303);
  });

  app.post<{ Params: { id: string } }>('/admin/account/tokens/:id/revoke', async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404);
    if (!(await services.access.apiTokens.revoke(actor(request), id))) throw new HttpError(404);
    return reply.redirect('/admin/account?done=revoked', 303);
  });
};
