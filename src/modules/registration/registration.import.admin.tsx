// Back office: CSV import of registrations with a preview (ADR 0015). Multipart uploads are
// accepted only here; their fields are attached to the body before the CSRF check runs.
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { field } from '../../platform/http/form.js';
import { decodeCsvBytes } from '../../platform/csv.js';
import { isLandCode, isLevel } from '../../platform/germany.js';
import type { Messages } from '../../platform/i18n/index.js';
import { ErrorPage } from '../../platform/html/error-page.js';
import type { Actor } from '../../platform/audit/audit.js';
import { eventForOrganizer } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import { type ImportDefaults, type ImportProblem, MAX_IMPORT_ROWS, createImportService, importFieldLabels } from './registration.import.js';
import { ImportDonePage, ImportPreviewPage, ImportUploadPage } from './views/RegistrationImport.js';

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const TOO_LARGE = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT', 'FST_ERR_CTP_BODY_TOO_LARGE']);

/** The file as uploaded: its name and bytes (kept by onFile, since keyValues keeps only the bytes). */
interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

function problemText(t: Messages, problem: ImportProblem): string {
  const p = t.registrationImport.problems;
  switch (problem.kind) {
    case 'empty': return p.empty;
    case 'unknown-format': return p.unknownFormat;
    case 'no-rows': return p.noRows;
    case 'unterminated-quote': return p.unterminatedQuote(problem.line);
    case 'too-many-rows': return p.tooManyRows(MAX_IMPORT_ROWS);
    case 'too-many-columns': return p.tooManyColumns(problem.line);
  }
}

function defaultsFrom(source: unknown): ImportDefaults {
  const level = field(source, 'level');
  const land = field(source, 'land');
  return { level: isLevel(level) ? level : '', land: isLandCode(land) ? land : '' };
}

export const registrationImportAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database, clock }) => {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    // Pasted text one byte over the limit is cut there by busboy: the route refuses that length.
    limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 8, fieldSize: MAX_UPLOAD_BYTES + 1, parts: 10 },
    async onFile(part) {
      const bytes = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = { fileName: part.filename, bytes };
    },
  });

  const imports = createImportService({ db: database.db, clock, registration: services.registration });
  const ctx = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, assetVersion, { csrf: true });
  const actor = (request: FastifyRequest): Actor => ({ id: request.organizer!.id, label: request.organizer!.name });
  const eventFor = async (request: FastifyRequest<{ Params: { slug: string } }>): Promise<LabEvent> =>
    (await eventForOrganizer({ db: database.db, findBySlug: services.events.findBySlug }, request.organizer!, request.params.slug, 'registrations.change')).event;

  // A file over the limit is refused while the body is read, before the route knows who asks:
  // a plain page that says why, with 413 (nothing is stored).
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (!TOO_LARGE.has(error.code)) throw error;
    request.log.info({ code: error.code }, 'import upload too large');
    const t = request.t;
    return reply.html(<ErrorPage ctx={pageContext(request, reply, assetVersion)} title={t.errors.badRequestTitle} text={t.registrationImport.problems.tooLarge} />, 413);
  });

  const uploadPage = (request: FastifyRequest, reply: FastifyReply, event: LabEvent, problem?: string, pasted?: string, status = 200) =>
    reply.html(<ImportUploadPage ctx={ctx(request, reply)} event={event} problem={problem} pasted={pasted} />, status);

  app.get<{ Params: { slug: string } }>('/admin/events/:slug/registrations/import', async (request, reply) => {
    const event = await eventFor(request);
    return uploadPage(request, reply, event);
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/registrations/import', async (request, reply) => {
    const event = await eventFor(request);
    const t = request.t.registrationImport;
    if (event.status === 'cancelled') return uploadPage(request, reply, event, t.problems.cancelledEvent, undefined, 409);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const file = body.file as UploadedFile | undefined;
    const pasted = field(body, 'text');
    if (Buffer.byteLength(pasted) > MAX_UPLOAD_BYTES) return uploadPage(request, reply, event, t.problems.tooLarge, undefined, 413);
    let text = '';
    let fileName = 'import.csv';
    if (file && typeof file === 'object' && Buffer.isBuffer(file.bytes) && file.bytes.length > 0) {
      text = decodeCsvBytes(file.bytes).text;
      fileName = file.fileName || fileName;
    } else if (pasted.trim() !== '') {
      text = pasted;
      fileName = t.text;
    }
    const stored = await imports.store(event, request.organizer!.id, fileName, text);
    if ('problem' in stored) return uploadPage(request, reply, event, problemText(request.t, stored.problem), file ? undefined : pasted.slice(0, 100_000), 422);
    return reply.redirect(`/admin/events/${event.slug}/registrations/import/${stored.id}`, 303);
  });

  async function previewPage(request: FastifyRequest<{ Params: { slug: string; id: string } }>, reply: FastifyReply, event: LabEvent, defaults: ImportDefaults, notice?: { kind: 'error' | 'success'; text: string }, status = 200) {
    const t = request.t.registrationImport;
    const stored = await imports.find(event, Number(request.params.id));
    if (!stored) throw new HttpError(404);
    if (stored.applied_at) {
      const summary = JSON.parse(stored.summary ?? '{}') as { admitted?: number; waitlisted?: number; skipped?: number };
      const message = request.query && (request.query as Record<string, string>).done
        ? t.applied(summary.admitted ?? 0, summary.waitlisted ?? 0, summary.skipped ?? 0)
        : `${t.alreadyApplied} ${t.applied(summary.admitted ?? 0, summary.waitlisted ?? 0, summary.skipped ?? 0)}`;
      return reply.html(<ImportDonePage ctx={ctx(request, reply)} event={event} message={message} kind="success" />, status);
    }
    if (imports.isExpired(stored)) return reply.html(<ImportDonePage ctx={ctx(request, reply)} event={event} message={t.expired} kind="error" />, 410);
    const result = await imports.plan(event, stored, defaults, request.t);
    if (!result.plan) return uploadPage(request, reply, event, problemText(request.t, result.problem), undefined, 422);
    const labels = importFieldLabels(request.t, request.locale, result.questions);
    return reply.html(
      <ImportPreviewPage ctx={ctx(request, reply)} event={event} importId={stored.id} fileName={stored.file_name} plan={result.plan} defaults={defaults} labels={labels} notice={notice} />,
      status,
    );
  }

  app.get<{ Params: { slug: string; id: string }; Querystring: Record<string, string | undefined> }>('/admin/events/:slug/registrations/import/:id', async (request, reply) => {
    const event = await eventFor(request);
    return previewPage(request, reply, event, defaultsFrom(request.query));
  });

  app.post<{ Params: { slug: string; id: string } }>('/admin/events/:slug/registrations/import/:id', async (request, reply) => {
    const event = await eventFor(request);
    const t = request.t.registrationImport;
    const stored = await imports.find(event, Number(request.params.id));
    if (!stored) throw new HttpError(404);
    const defaults = defaultsFrom(request.body);
    if (event.status === 'cancelled') return previewPage(request, reply, event, defaults, { kind: 'error', text: t.problems.cancelledEvent }, 409);
    if (imports.isExpired(stored)) return previewPage(request, reply, event, defaults);
    const outcome = await imports.apply(event, stored, defaults, field(request.body, 'plan'), actor(request), request.t);
    switch (outcome.kind) {
      case 'applied':
        return reply.redirect(`/admin/events/${event.slug}/registrations/import/${stored.id}?done=1`, 303);
      case 'applied-before':
        return reply.html(<ImportDonePage ctx={ctx(request, reply)} event={event} message={t.alreadyApplied} kind="error" />, 409);
      case 'changed':
        return previewPage(request, reply, event, defaults, { kind: 'error', text: t.changed }, 409);
      default:
        // 'blocked' (a row has an error now) and 'unreadable': the preview says what is wrong.
        return previewPage(request, reply, event, defaults, undefined, 422);
    }
  });
};
