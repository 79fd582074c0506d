// Console oversight: the hash-chained audit log (browse, verify) and the system dashboard.
import { Type } from '@sinclair/typebox';
import { verifyAuditChain } from '../../../domain/audit/audit-chain.js';
import { listAudit } from '../../../domain/audit/audit-queries.js';
import { dashboardFigures } from '../../../domain/staff/dashboard.js';
import type { Metrics } from '../../../observability/metrics.js';
import type { ApiScope } from '../api/api-deps.js';
import { problemReplies } from '../api/schemas.js';
import { STAFF_SECURITY } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { Nullable } from './console-schemas.js';

const Filter = Type.String({ minLength: 1, maxLength: 200 });

const EntrySchema = Type.Object({
  seq: Type.Integer({ description: 'Position in the chain, from 1' }),
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  action: Type.String(),
  subject: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String({ description: 'SHA-256 (hex) over the previous hash and this entry' }),
});

/** HTTP replies of the last minutes, and the share of them that were server errors (5xx). */
function httpErrorRate(metrics: Metrics) {
  const { minutes, requests, serverErrors } = metrics.recentReplies.counts();
  return { minutes, requests, serverErrors, errorRate: requests === 0 ? null : serverErrors / requests };
}

export function registerSystemRoutes(app: ApiScope, deps: ConsoleDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/audit',
    {
      preHandler: deps.guard('audit.view'),
      schema: {
        tags: ['console'],
        summary:
          'The audit log, newest first, by actor, subject or action; page with `before` = the last page`s next',
        security: STAFF_SECURITY,
        querystring: Type.Object(
          {
            actor: Type.Optional(Filter),
            subject: Type.Optional(Filter),
            action: Type.Optional(Filter),
            before: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,14}$' })),
            limit: Type.Optional(
              Type.String({ pattern: '^(?:[1-9][0-9]?|1[0-9]{2}|200)$', description: '1–200' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ entries: Type.Array(EntrySchema), next: Nullable(Type.Integer()) }),
          ...problemReplies({ 401: 'Not logged in', 403: 'Not an administrator' }),
        },
      },
    },
    async (request) => {
      const { actor, subject, action, before, limit } = request.query;
      return listAudit(ctx.db, {
        ...(actor === undefined ? {} : { actor }),
        ...(subject === undefined ? {} : { subject }),
        ...(action === undefined ? {} : { action }),
        ...(before === undefined ? {} : { before: Number(before) }),
        limit: limit === undefined ? 50 : Number(limit),
      });
    },
  );

  app.get(
    '/audit/verify',
    {
      preHandler: deps.guard('audit.view'),
      schema: {
        tags: ['console'],
        summary: 'Recompute the whole hash chain: ok, or the first broken sequence number',
        security: STAFF_SECURITY,
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer({ description: 'Entries checked before the break (all of them when ok)' }),
            brokenAt: Nullable(Type.Integer()),
            reason: Nullable(Type.String()),
            headHash: Nullable(Type.String()),
          }),
          ...problemReplies({ 401: 'Not logged in', 403: 'Not an administrator' }),
        },
      },
    },
    async () => {
      const verdict = await verifyAuditChain(ctx.db);
      return verdict.ok
        ? { ok: true, entries: verdict.entries, brokenAt: null, reason: null, headHash: verdict.headHash }
        : {
            ok: false,
            entries: verdict.entries,
            brokenAt: verdict.brokenAt,
            reason: verdict.reason,
            headHash: null,
          };
    },
  );

  app.get(
    '/dashboard',
    {
      preHandler: deps.guard('dashboard.view'),
      schema: {
        tags: ['console'],
        summary:
          "Today's payments (count, volume, reversed ones apart, success rate), outbox depth and the HTTP error rate",
        security: STAFF_SECURITY,
        response: {
          200: Type.Object({
            since: Type.String({ format: 'date-time', description: 'Start of the business day' }),
            payments: Type.Object({
              count: Type.Integer({ description: 'Payments made today whose money stayed moved' }),
              volume: Type.String({ description: 'Their sum (reversed and returned payments left out)' }),
              currency: Type.String(),
              reversed: Type.Object(
                { count: Type.Integer(), volume: Type.String() },
                {
                  description:
                    "Today's payments reversed by staff or returned unclaimed since: count plus this count is every payment whose money moved",
                },
              ),
              failed: Type.Integer(),
              successRate: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
            }),
            outbox: Type.Object({ sms: Type.Integer(), webhooks: Type.Integer() }),
            http: Type.Object({
              minutes: Type.Integer({
                description: 'The window of these counts: the last minutes, this one included',
              }),
              requests: Type.Integer({ description: 'Replies in that window (this server process)' }),
              serverErrors: Type.Integer(),
              errorRate: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
            }),
          }),
          ...problemReplies({ 401: 'Not logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async () => ({ ...(await dashboardFigures(ctx)), http: httpErrorRate(deps.metrics) }),
  );
}
