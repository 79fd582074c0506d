// Merchant reports over the merchant API: payment search with a cursor, the CSV export and daily totals.
import { type Static, Type } from '@sinclair/typebox';
import {
  dailySummary,
  type MerchantPaymentFilter,
  paymentsCsv,
  searchMerchantPayments,
} from '../../../domain/merchants/merchant-reports.js';
import type { MerchantChannel, MerchantPaymentStatus } from '../../../domain/payments/merchant-payment.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError } from '../api/api-problems.js';
import { problemReplies } from '../api/schemas.js';
import { merchantOf, SIGNED_SECURITY, storeScopeOf } from './merchant-auth.js';
import type { MerchantApiDeps } from './merchant-deps.js';
import { IdParam, MerchantPaymentSchema, ReferenceText } from './merchant-schemas.js';

const tags = ['merchant'];

const STATUSES: readonly MerchantPaymentStatus[] = ['pending', 'completed', 'failed', 'reversed'];
const CHANNELS: readonly MerchantChannel[] = [
  'static_qr',
  'dynamic_qr',
  'payment_code',
  'payment_request',
  'checkout',
];

const Instant = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }));

/** Query strings arrive as text (no coercion): numbers and enums are checked as strings. */
const Filter = Type.Object(
  {
    from: Instant('Created at or after this time'),
    to: Instant('Created before this time'),
    status: Type.Optional(Type.Union(STATUSES.map((status) => Type.Literal(status)))),
    channel: Type.Optional(Type.Union(CHANNELS.map((channel) => Type.Literal(channel)))),
    tillId: Type.Optional(IdParam),
    reference: Type.Optional(ReferenceText),
  },
  { additionalProperties: false },
);

const SearchQuery = Type.Composite(
  [
    Filter,
    Type.Object({
      limit: Type.Optional(
        Type.String({ pattern: '^([1-9][0-9]?|1[0-9][0-9]|200)$', description: '1–200, default 50' }),
      ),
      before: Type.Optional(
        Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$', description: 'The `next` of the previous page' }),
      ),
    }),
  ],
  { additionalProperties: false },
);

const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-03-15'] });

const totals = {
  payments: Type.Number({ description: 'Completed and reversed payments' }),
  gross: Type.String(),
  fees: Type.String({ description: 'Fees of completed payments (reversals give the fee back)' }),
  refunds: Type.String({ description: 'Completed refunds and reversals made that day' }),
  net: Type.String({ description: 'gross − fees − refunds' }),
};

/** The domain filter of a query, or undefined when a time does not parse. */
function filterOf(query: Static<typeof Filter>): MerchantPaymentFilter | undefined {
  const { from, to, ...exact } = query;
  const filter: MerchantPaymentFilter = { ...exact };
  for (const [bound, text] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (text === undefined) continue;
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) return undefined;
    filter[bound] = ms;
  }
  return filter;
}

export function registerMerchantReportRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/payments',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: 'Payments to this merchant, newest first, filtered, one page at a time',
        security: SIGNED_SECURITY,
        querystring: SearchQuery,
        response: {
          200: Type.Object({
            payments: Type.Array(MerchantPaymentSchema),
            next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next page' }),
          }),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request, reply) => {
      const { limit, before, ...rest } = request.query;
      const filter = filterOf(rest);
      if (!filter) return sendApiError(request, reply, 'invalid_query');
      const store = storeScopeOf(request);
      const result = await searchMerchantPayments(ctx, merchantOf(request).id, {
        ...filter,
        ...(store === undefined ? {} : { storeId: store }),
        limit: Number(limit ?? 50),
        ...(before === undefined ? {} : { before }),
      });
      return result.ok ? result.page : sendApiError(request, reply, result.error);
    },
  );

  app.get(
    '/payments.csv',
    {
      config: { merchantAccess: 'manager' },
      schema: {
        tags,
        summary: 'Payments to this merchant as a CSV file (same filters, the newest 10,000 at most)',
        security: SIGNED_SECURITY,
        querystring: Filter,
        produces: ['text/csv'],
        response: {
          200: Type.String(),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request, reply) => {
      const filter = filterOf(request.query);
      if (!filter) return sendApiError(request, reply, 'invalid_query');
      const store = storeScopeOf(request);
      const scoped = store === undefined ? filter : { ...filter, storeId: store };
      const result = await paymentsCsv(ctx, merchantOf(request).id, scoped);
      if (!result.ok) return sendApiError(request, reply, result.error);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="payments.csv"')
        .send(result.csv);
    },
  );

  app.get(
    '/summary/daily',
    {
      config: { merchantAccess: 'manager' },
      schema: {
        tags,
        summary: 'Daily totals in the operator’s time zone: only days with activity, at most 92 days',
        security: SIGNED_SECURITY,
        querystring: Type.Object({ from: DateText, to: DateText }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            currency: Type.String(),
            days: Type.Array(Type.Object({ date: Type.String(), ...totals })),
            totals: Type.Object(totals),
          }),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request, reply) => {
      const result = await dailySummary(ctx, merchantOf(request).id, request.query, storeScopeOf(request));
      return result.ok ? result.summary : sendApiError(request, reply, result.error);
    },
  );
}
