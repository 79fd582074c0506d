// Development and demo only: the SMS the dev adapter "sent", so codes can be read without a phone.
import { Type } from '@sinclair/typebox';
import { normalizePhone } from '../../../domain/customers/phone.js';
import type { DevSmsOutbox } from '../../../domain/notifications/dev-sms-outbox.js';
import type { Platform } from '../../../domain/platform.js';
import type { ApiScope } from './api-deps.js';
import { PhoneText } from './schemas.js';

export function registerDevRoutes(app: ApiScope, platform: Platform, outbox: DevSmsOutbox): void {
  app.get(
    '/dev/sms',
    {
      schema: {
        tags: ['development'],
        summary: 'SMS sent by the dev adapter, newest first (only when demo/dev mode is on)',
        querystring: Type.Object(
          {
            phone: Type.Optional(PhoneText),
            limit: Type.Optional(
              Type.String({ pattern: '^[1-9][0-9]?$|^1[0-9][0-9]$|^200$', description: '1–200 (50)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            messages: Type.Array(
              Type.Object({
                seq: Type.Integer(),
                phone: Type.String(),
                text: Type.String(),
                sentAt: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      // Deliver what is queued first, so a code requested a moment ago is already here.
      await platform.sms.flush();
      const { phone } = request.query;
      const normalized =
        phone === undefined ? undefined : normalizePhone(phone, platform.ctx.settings.defaultRegion);
      const to = normalized?.ok ? normalized.e164 : phone;
      return { messages: await outbox.list(to, Number(request.query.limit ?? 50)) };
    },
  );
}
