// The OpenAPI 3.1 description of /api/v1, written by hand (ADR 14). A test compares its paths
// with the routes the app registers, so the two cannot drift apart.
import type { Config } from '../../config.js';
import { absoluteUrl } from '../../config.js';
import { LAND_CODES, LEVELS } from '../../platform/germany.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });

const STATUSES = ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered', 'rejected', 'cancelled', 'expired'];
const localized = { type: 'object', description: 'Text per language', properties: { de: { type: 'string' }, en: { type: 'string' } } };
const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });

const slugParam = { name: 'slug', in: 'path', required: true, description: 'The event\'s slug, e.g. labcamp-2', schema: { type: 'string', maxLength: 200 } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const languageHeader = {
  name: 'Accept-Language', in: 'header', required: false, description: 'Language of error messages: de (default) or en',
  schema: { type: 'string' },
};
const common = {
  '401': errorResponse('No valid bearer token (missing, unknown, revoked or expired)'),
  '404': errorResponse('No such event, or not one of the token owner\'s events'),
  '429': errorResponse('More than 300 requests a minute with this token'),
};
/** What every request with a body may get wrong, besides its fields. */
const writeErrors = {
  '400': errorResponse('The body is not a JSON object'),
  '403': errorResponse('Your role on this event may not change registrations'),
  '413': errorResponse('Body larger than the limit (1 MiB)'),
  '415': errorResponse('Not application/json'),
  '422': errorResponse('Invalid fields; error.fields maps each field to a message in the language of Accept-Language'),
};

export function openApiDocument(config: Pick<Config, 'baseUrl'>) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'LabCamp API',
      version: '1.0.0',
      description: 'Events and registrations of the events you organize. Authenticate with a personal API token from /admin/account (Authorization: Bearer lc_…). The token acts with your event roles.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: absoluteUrl(config, '/api/v1') }],
    security: [{ bearerToken: [] }],
    paths: {
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi', summary: 'This document', security: [],
          responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/events': {
        get: {
          operationId: 'listEvents', summary: 'The events the token owner may read', parameters: [languageHeader],
          responses: { '200': json('Events', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: ref('EventSummary') } } }), '401': common['401'], '429': common['429'] },
        },
      },
      '/events/{slug}': {
        get: {
          operationId: 'getEvent', summary: 'One event with hosts, programme, registration window, capacity and seats taken',
          parameters: [slugParam, languageHeader],
          responses: { '200': json('The event', ref('Event')), ...common },
        },
      },
      '/events/{slug}/registrations': {
        get: {
          operationId: 'listRegistrations', summary: 'Registrations of an event, oldest first (role: any team role)',
          parameters: [
            slugParam,
            { name: 'status', in: 'query', schema: { type: 'string', enum: STATUSES } },
            { name: 'q', in: 'query', description: 'Search in name, e-mail and organisation', schema: { type: 'string', maxLength: 200 } },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100000, default: 1 } },
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
            languageHeader,
          ],
          responses: {
            '200': json('One page of registrations', {
              type: 'object', required: ['data', 'page', 'per_page', 'total'],
              properties: { data: { type: 'array', items: ref('Registration') }, page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } },
            }),
            '422': errorResponse('Invalid query parameters (see error.fields)'),
            ...common,
          },
        },
        post: {
          operationId: 'createRegistration',
          summary: 'Register a person, like the back office\'s manual registration: admitted at once if a seat is free, else waitlisted; the person is mailed (role: owner or organizer)',
          parameters: [slugParam, languageHeader],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewRegistration') } } },
          responses: {
            '201': json('Created', ref('Registration')),
            '409': errorResponse('A registration for this address exists already (error.id is its id)'),
            ...writeErrors,
            ...common,
          },
        },
      },
      '/events/{slug}/registrations/{id}': {
        get: {
          operationId: 'getRegistration', summary: 'One registration with its answers', parameters: [slugParam, idParam, languageHeader],
          responses: { '200': json('The registration', ref('Registration')), ...common },
        },
        patch: {
          operationId: 'changeRegistration',
          summary: 'Admit (approve), waitlist, cancel or reject a registration; the person is mailed (role: owner or organizer)',
          parameters: [slugParam, idParam, languageHeader],
          requestBody: { required: true, content: { 'application/json': { schema: ref('StatusChange') } } },
          responses: {
            '200': json('The registration after the change', ref('Registration')),
            '409': errorResponse('The change does not fit the current status (status_conflict), or no seat is free (no_seat)'),
            ...writeErrors,
            ...common,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (lc_…) from /admin/account. The session cookie is never accepted.' },
      },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: {
            error: {
              type: 'object', required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'duplicate', 'status_conflict', 'no_seat', 'payload_too_large', 'unsupported_media_type', 'validation_failed', 'rate_limited', 'internal_error'] },
                message: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field name → message (answers.<question id> for custom questions)' },
                id: { type: 'integer', description: 'The existing registration (duplicate)' },
                current_status: { type: 'string', description: 'The registration\'s status (status_conflict)' },
                reference: { type: 'string', description: 'Reference for the operator\'s logs (internal_error)' },
              },
            },
          },
        },
        LocalizedText: localized,
        EventSummary: {
          type: 'object',
          properties: {
            slug: { type: 'string' }, status: { type: 'string', enum: ['draft', 'published', 'cancelled'] }, title: ref('LocalizedText'),
            starts_at: { type: 'string', format: 'date-time' }, ends_at: { type: 'string', format: 'date-time' }, time_zone: { type: 'string' },
            language: { type: 'string' }, attendance_mode: { type: 'string' }, capacity: nullable('integer'),
            role: nullable('string', { enum: ['owner', 'organizer', 'moderator', 'readonly', null], description: 'Your role (owner for platform admins)' }),
          },
        },
        Event: {
          allOf: [
            ref('EventSummary'),
            {
              type: 'object',
              properties: {
                summary: ref('LocalizedText'), venue: { oneOf: [ref('LocalizedText'), { type: 'null' }] }, confidential: { type: 'boolean' },
                contact_email: { type: 'string' },
                hosts: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, url: nullable('string') } } },
                registration: {
                  type: 'object',
                  properties: {
                    state: { type: 'string', enum: ['cancelled', 'past', 'not-yet-open', 'open', 'closed'] },
                    opens_at: nullable('string', { format: 'date-time' }), closes_at: nullable('string', { format: 'date-time' }),
                    admission_mode: { type: 'string', enum: ['automatic', 'approval'] },
                  },
                },
                seats_taken: { type: 'integer' },
                counts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Registrations per status' },
                moderators: { type: 'array', items: ref('Person') },
                speakers: { type: 'array', items: ref('Person') },
                agenda: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'integer' }, kind: { type: 'string' }, title: ref('LocalizedText'), starts_at: nullable('string', { format: 'date-time' }),
                      duration_minutes: nullable('integer'), people: { type: 'array', items: { type: 'integer' }, description: 'Person ids' },
                    },
                  },
                },
                questions: { type: 'array', items: ref('Question') },
              },
            },
          ],
        },
        Person: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, organisation: nullable('string'), bio: ref('LocalizedText') } },
        Question: {
          type: 'object',
          properties: {
            id: { type: 'integer' }, kind: { type: 'string', enum: ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'yes_no'] },
            label: ref('LocalizedText'), help: ref('LocalizedText'), required: { type: 'boolean' },
            options: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, label: ref('LocalizedText') } } },
          },
        },
        Answers: {
          type: 'object', description: 'Question id → answer (an array of option values for multiple choice; "yes"/"no" for yes/no)',
          additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        },
        Registration: {
          type: 'object',
          properties: {
            id: { type: 'integer' }, status: { type: 'string', enum: STATUSES }, name: { type: 'string' }, email: { type: 'string' },
            organisation: { type: 'string' }, level: { type: 'string', enum: [...LEVELS] }, land: nullable('string'), role: nullable('string'),
            language: { type: 'string' }, listed: { type: 'boolean' }, source: { type: 'string', enum: ['form', 'manual', 'import', 'api'] },
            holds_seat: { type: 'boolean' }, created_at: { type: 'string', format: 'date-time' }, updated_at: { type: 'string', format: 'date-time' },
            confirmed_at: nullable('string', { format: 'date-time' }), admitted_at: nullable('string', { format: 'date-time' }),
            cancelled_at: nullable('string', { format: 'date-time' }), rejected_at: nullable('string', { format: 'date-time' }),
            reject_reason: nullable('string'), answers: ref('Answers'),
          },
        },
        NewRegistration: {
          type: 'object', required: ['name', 'email', 'organisation', 'level'], additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: 200 }, email: { type: 'string', format: 'email', maxLength: 254 },
            organisation: { type: 'string', maxLength: 200 }, level: { type: 'string', enum: [...LEVELS] },
            land: { type: 'string', enum: [...LAND_CODES], description: 'Land code (BE, NW, …); omit if none' },
            role: { type: 'string', maxLength: 200 }, listed: { type: 'boolean', default: false, description: 'Agreed to the participant list' },
            language: { type: 'string', enum: ['de', 'en'], description: 'Language of the mails (default: from Accept-Language)' },
            answers: ref('Answers'),
          },
        },
        StatusChange: {
          type: 'object', required: ['status'], additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['admitted', 'waitlisted', 'cancelled', 'rejected'] },
            reason: { type: 'string', maxLength: 1000, description: 'Mailed with a rejection' },
          },
        },
      },
    },
  };
}
