// The portal's dashboard over the merchant API (managers): today's and this month's sales, by hour and by day.
import { Type } from '@sinclair/typebox';
import { merchantDashboard } from '../../../domain/merchants/merchant-dashboard.js';
import type { ApiScope } from '../api/api-deps.js';
import { iso, problemReplies } from '../api/schemas.js';
import { merchantOf, SIGNED_SECURITY, storeScopeOf } from './merchant-auth.js';
import type { MerchantApiDeps } from './merchant-deps.js';

const Point = Type.Object({
  start: Type.String({ format: 'date-time', description: 'When the hour or day began' }),
  payments: Type.Integer(),
  amount: Type.String(),
});

const Period = Type.Object({
  payments: Type.Integer({ description: 'Completed payments (reversed ones included)' }),
  amount: Type.String(),
  refunds: Type.String({ description: 'Completed refunds and reversals made in the period' }),
  refundCount: Type.Integer(),
  successRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description: 'Completed ÷ (completed + failed) payments; null when there were none',
  }),
});

export function registerMerchantDashboardRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/dashboard',
    {
      config: { merchantAccess: 'manager' },
      schema: {
        tags: ['merchant portal'],
        summary: "Today's and this month's sales, refunds and success rate, by hour and by day",
        description: 'Days and hours are those of the operator’s time zone (`timeZone`).',
        security: SIGNED_SECURITY,
        response: {
          200: Type.Object({
            currency: Type.String(),
            timeZone: Type.String(),
            date: Type.String({ description: 'Today, YYYY-MM-DD' }),
            today: Period,
            month: Period,
            hours: Type.Array(Point),
            days: Type.Array(Point),
          }),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) => {
      const dashboard = await merchantDashboard(
        ctx,
        merchantOf(request).id,
        ctx.clock(),
        storeScopeOf(request),
      );
      const points = (list: typeof dashboard.hours) =>
        list.map((point) => ({ ...point, start: iso(point.start) }));
      return { ...dashboard, hours: points(dashboard.hours), days: points(dashboard.days) };
    },
  );
}
