// Console customer care: search, the customer 360, lock and unlock, notes, and PIN reset after re-verification.
import { Type } from '@sinclair/typebox';
import { findCustomer } from '../../../domain/customers/customer-queries.js';
import { lockByStaff, unlockByStaff } from '../../../domain/customers/wallet-lock.js';
import { customerOverview, customerSummary } from '../../../domain/staff/customer-360.js';
import { addCustomerNote, NOTE_MAX_LENGTH } from '../../../domain/staff/customer-notes.js';
import { type CustomerQuery, searchCustomers } from '../../../domain/staff/customer-search.js';
import { authorizePinReset } from '../../../domain/staff/staff-pin-reset.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError, sendRefusal } from '../api/api-problems.js';
import { IdempotencyHeaders, iso, problemReplies } from '../api/schemas.js';
import { STAFF_SECURITY, staffOf } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import {
  CustomerOverviewSchema,
  CustomerSummarySchema,
  cleanReason,
  IdParams,
  NoteSchema,
  ReasonBody,
} from './console-schemas.js';

const SearchQuery = Type.Object(
  {
    phone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, description: 'Any form: 138 0013 8000, +86…' }),
    ),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Part of the name' })),
    idNumber: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, description: 'Identity document number' }),
    ),
  },
  { additionalProperties: false },
);

const LockState = Type.Object({ locked: Type.Boolean() });

export function registerCustomerRoutes(app: ApiScope, deps: ConsoleDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/customers',
    {
      preHandler: deps.guard('customers.search'),
      schema: {
        tags: ['console'],
        summary: 'Find customers by phone number, part of the name, or ID number (exactly one of them)',
        security: STAFF_SECURITY,
        querystring: SearchQuery,
        response: {
          200: Type.Object({ customers: Type.Array(CustomerSummarySchema) }),
          ...problemReplies({ 401: 'Not logged in', 403: 'Role not allowed', 422: 'Not a phone number' }),
        },
      },
    },
    async (request, reply) => {
      const { phone, name, idNumber } = request.query;
      const given = [phone, name, idNumber].filter((value) => value !== undefined);
      if (given.length !== 1) return sendApiError(request, reply, 'invalid_query');
      const query: CustomerQuery =
        phone !== undefined ? { phone } : name !== undefined ? { name } : { idNumber: idNumber ?? '' };
      const result = await searchCustomers(ctx, query, staffOf(request).actor);
      if (!result.ok) return sendApiError(request, reply, result.error);
      return { customers: result.customers.map(customerSummary) };
    },
  );

  app.get(
    '/customers/:id',
    {
      preHandler: deps.guard('customers.view'),
      schema: {
        tags: ['console'],
        summary: 'Customer 360: profile, KYC, balance, devices, locks, recent history and payments, notes',
        security: STAFF_SECURITY,
        params: IdParams,
        response: {
          200: CustomerOverviewSchema,
          ...problemReplies({ 401: 'Not logged in', 403: 'Role not allowed', 404: 'No such customer' }),
        },
      },
    },
    async (request, reply) => {
      const overview = await customerOverview(ctx, request.params.id, staffOf(request).actor);
      if (!overview) return sendApiError(request, reply, 'customer_not_found');
      return overview;
    },
  );

  const lockRoute = (action: 'lock' | 'unlock') =>
    app.post(
      `/customers/:id/${action}`,
      {
        preHandler: deps.guard(action === 'lock' ? 'customers.lock' : 'customers.unlock', { changes: true }),
        schema: {
          tags: ['console'],
          summary:
            action === 'lock'
              ? 'Lock the wallet (fraud, lost phone): sessions end, devices unbound, payments refused'
              : 'Unlock the wallet after verifying the customer',
          security: STAFF_SECURITY,
          headers: IdempotencyHeaders,
          params: IdParams,
          body: ReasonBody,
          response: {
            200: LockState,
            ...problemReplies({
              401: 'Not logged in',
              403: 'Role not allowed',
              404: 'No such customer',
              409: 'Not locked',
              422: 'Bad reason',
            }),
          },
        },
      },
      async (request, reply) => {
        const reason = cleanReason(request.body.reason);
        if (reason === undefined) return sendApiError(request, reply, 'invalid_reason');
        const customer = await findCustomer(ctx.db, request.params.id);
        if (customer?.status !== 'active') return sendApiError(request, reply, 'customer_not_found');
        const { actor } = staffOf(request);
        const result =
          action === 'lock'
            ? await lockByStaff(ctx, customer.phone, actor, reason)
            : await unlockByStaff(ctx, customer.phone, actor, reason);
        if (!result.ok) return sendRefusal(request, reply, result);
        return { locked: action === 'lock' };
      },
    );
  lockRoute('lock');
  lockRoute('unlock');

  app.post(
    '/customers/:id/notes',
    {
      preHandler: deps.guard('customers.notes', { changes: true }),
      schema: {
        tags: ['console'],
        summary: 'Add a staff note to the customer',
        security: STAFF_SECURITY,
        headers: IdempotencyHeaders,
        params: IdParams,
        body: Type.Object(
          { body: Type.String({ minLength: 1, maxLength: NOTE_MAX_LENGTH * 4 }) },
          { additionalProperties: false },
        ),
        response: {
          201: NoteSchema,
          ...problemReplies({
            401: 'Not logged in',
            403: 'Role not allowed',
            404: 'No such customer',
            422: 'Bad note',
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await addCustomerNote(ctx, {
        customerId: request.params.id,
        body: request.body.body,
        actor: staffOf(request).actor,
      });
      if (!result.ok) return sendApiError(request, reply, result.error);
      return reply.code(201).send({ ...result.note, createdAt: iso(result.note.createdAt) });
    },
  );

  app.post(
    '/customers/:id/pin-reset',
    {
      preHandler: deps.guard('customers.pin_reset', { changes: true }),
      schema: {
        tags: ['console'],
        summary:
          'PIN reset after re-verification: the ID number the customer gives must match the one on file; the wrong-PIN ' +
          'lock is cleared and for 24 hours the customer sets a new PIN with an SMS code alone (POST /api/v1/pin-resets)',
        security: STAFF_SECURITY,
        headers: IdempotencyHeaders,
        params: IdParams,
        body: Type.Object(
          { idNumber: Type.String({ minLength: 1, maxLength: 32 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ resetAllowedUntil: Type.String({ format: 'date-time' }) }),
          ...problemReplies({
            401: 'Not logged in',
            403: 'Role not allowed, or the ID number does not match',
            404: 'No such customer',
            409: 'No ID on file',
            429: 'Too many wrong ID numbers for this customer in the last hour',
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await authorizePinReset(ctx, {
        customerId: request.params.id,
        idNumber: request.body.idNumber,
        actor: staffOf(request).actor,
      });
      if (!result.ok) return sendApiError(request, reply, result.error);
      return { resetAllowedUntil: iso(result.allowedUntil) };
    },
  );
}
