// The wallet over the app API: balance, mini statement, full history (filters, cursor) and its CSV export.
import { Type } from '@sinclair/typebox';
import { findCustomer } from '../../../domain/customers/customer-queries.js';
import { normalizePhone } from '../../../domain/customers/phone.js';
import { walletBalance } from '../../../domain/wallets/accounts.js';
import {
  ENTRY_TYPES,
  type HistoryEntry,
  type HistoryQuery,
  walletHistory,
} from '../../../domain/wallets/history.js';
import { historyToCsv } from '../../../domain/wallets/history-csv.js';
import { formatAmount } from '../../../money/index.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { sendApiError } from './api-problems.js';
import { PhoneText, problemReplies } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

const MINI_STATEMENT = 10;
/** Ledger timestamps are nanoseconds in a signed 64-bit integer: dates up to 2262. */
const TIMESTAMP_MAX = (1n << 63n) - 1n;
const INSTANT_MAX_MS = Number(TIMESTAMP_MAX / 1_000_000n);
/** Most entries one CSV export holds. */
const CSV_MAX = 10_000;

const EntryType = Type.Union(
  ENTRY_TYPES.map((t) => Type.Literal(t)),
  { description: 'merchant_payment and refund (merchant refunds and staff reversals) name the merchant' },
);

export const EntrySchema = Type.Object({
  id: Type.String(),
  type: EntryType,
  at: Type.String({ format: 'date-time' }),
  description: Type.String(),
  counterparty: Type.Union([Type.String(), Type.Null()], {
    description: "A person's masked number or name, or a merchant's name",
  }),
  amount: Type.String({ description: 'Signed: negative left the wallet' }),
  fee: Type.String(),
  balance: Type.String({ description: 'Available balance after this entry' }),
  currency: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()], {
    description: 'The P2P payment, merchant payment or refund id (null for a top-up)',
  }),
  status: Type.String(),
});

const HistoryFilter = Type.Object(
  {
    limit: Type.Optional(
      Type.String({ pattern: '^[1-9][0-9]?$|^100$', description: 'Entries per page, 1–100 (20)' }),
    ),
    before: Type.Optional(
      Type.String({ pattern: '^[1-9][0-9]{0,18}$', description: 'Cursor from the previous page' }),
    ),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    type: Type.Optional(EntryType),
    counterparty: Type.Optional(PhoneText),
  },
  { additionalProperties: false },
);

type Filter = {
  from?: string;
  to?: string;
  type?: HistoryQuery['type'];
  counterparty?: string;
  before?: string;
};

export function registerWalletRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;
  const customerOf = (customerId: string) => findCustomer(ctx.db, customerId);

  /** The domain query for a filter, or the error code of a bad counterparty number. */
  const queryOf = (
    filter: Filter,
    limit: number,
  ): HistoryQuery | 'invalid_phone' | 'not_mobile' | 'invalid_query' => {
    const query: HistoryQuery = { limit };
    if (filter.before !== undefined) {
      if (BigInt(filter.before) > TIMESTAMP_MAX) return 'invalid_query';
      query.before = filter.before;
    }
    for (const bound of ['from', 'to'] as const) {
      const text = filter[bound];
      if (text === undefined) continue;
      const ms = Date.parse(text);
      if (!(ms >= 0 && ms <= INSTANT_MAX_MS)) return 'invalid_query';
      query[bound] = ms;
    }
    if (filter.type !== undefined) query.type = filter.type;
    if (filter.counterparty !== undefined) {
      const phone = normalizePhone(filter.counterparty, ctx.settings.defaultRegion);
      if (!phone.ok) return phone.error;
      query.counterparty = phone.e164;
    }
    return query;
  };

  app.get(
    '/wallet',
    {
      preHandler: deps.session,
      schema: {
        tags: ['wallet'],
        summary: 'My balance',
        security: BEARER_SECURITY,
        response: {
          200: Type.Object({ balance: Type.String(), currency: Type.String() }),
          ...problemReplies({ 401: 'Not logged in' }),
        },
      },
    },
    async (request, reply) => {
      const customer = await customerOf(principalOf(request).customerId);
      if (!customer) return sendApiError(request, reply, 'unauthorized');
      const { currency } = ctx.settings;
      const balance = await walletBalance(ctx.ledger, customer.walletAccountId);
      return { balance: formatAmount({ value: balance, currency }), currency };
    },
  );

  app.get(
    '/wallet/statement',
    {
      preHandler: deps.session,
      schema: {
        tags: ['wallet'],
        summary: 'Mini statement: my last 10 entries',
        security: BEARER_SECURITY,
        response: {
          200: Type.Object({ entries: Type.Array(EntrySchema) }),
          ...problemReplies({ 401: 'Not logged in' }),
        },
      },
    },
    async (request, reply) => {
      const customer = await customerOf(principalOf(request).customerId);
      if (!customer) return sendApiError(request, reply, 'unauthorized');
      const page = await walletHistory(ctx, customer, { limit: MINI_STATEMENT });
      return { entries: page.entries };
    },
  );

  app.get(
    '/wallet/history',
    {
      preHandler: deps.session,
      schema: {
        tags: ['wallet'],
        summary: 'My history, newest first, filtered by dates, type and counterparty, one page at a time',
        description: 'The counterparty filter (a phone number) matches people only, never merchant entries.',
        security: BEARER_SECURITY,
        querystring: HistoryFilter,
        response: {
          200: Type.Object({
            entries: Type.Array(EntrySchema),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemReplies({ 401: 'Not logged in', 422: 'Bad counterparty number' }),
        },
      },
    },
    async (request, reply) => {
      const customer = await customerOf(principalOf(request).customerId);
      if (!customer) return sendApiError(request, reply, 'unauthorized');
      const query = queryOf(request.query, Number(request.query.limit ?? 20));
      if (typeof query === 'string') return sendApiError(request, reply, query);
      return walletHistory(ctx, customer, query);
    },
  );

  app.get(
    '/wallet/history.csv',
    {
      preHandler: deps.session,
      schema: {
        tags: ['wallet'],
        summary: 'My history as a CSV file (same filters, at most 10,000 entries)',
        security: BEARER_SECURITY,
        querystring: Type.Omit(HistoryFilter, ['limit', 'before']),
        produces: ['text/csv'],
        response: {
          200: Type.String(),
          ...problemReplies({ 401: 'Not logged in', 422: 'Bad counterparty number' }),
        },
      },
    },
    async (request, reply) => {
      const customer = await customerOf(principalOf(request).customerId);
      if (!customer) return sendApiError(request, reply, 'unauthorized');
      const query = queryOf(request.query, 100);
      if (typeof query === 'string') return sendApiError(request, reply, query);
      const entries: HistoryEntry[] = [];
      for (let before: string | null | undefined; entries.length < CSV_MAX && before !== null; ) {
        const page = await walletHistory(ctx, customer, before ? { ...query, before } : query);
        entries.push(...page.entries);
        before = page.next;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="mwallet-history.csv"')
        .send(historyToCsv(entries.slice(0, CSV_MAX)));
    },
  );
}
