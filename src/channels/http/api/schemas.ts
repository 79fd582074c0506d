// TypeBox schemas shared by the app API's routes (request pieces and common replies).
import { type Static, Type } from '@sinclair/typebox';
import { problemResponse } from '../problem.js';

/** Phone numbers are checked by the domain (libphonenumber), so any short text passes the schema. */
export const PhoneText = Type.String({
  minLength: 1,
  maxLength: 32,
  examples: ['13800138000', '+8613800138000'],
});
export const AmountText = Type.String({
  minLength: 1,
  maxLength: 32,
  description: 'Decimal string in the currency (e.g. "12.50" yuan)',
  examples: ['12.50'],
});
/** The domain says why a PIN is refused (format, too simple), so the schema only bounds its size. */
export const PinText = Type.String({ minLength: 1, maxLength: 16, examples: ['135792'] });
export const TokenText = Type.String({ minLength: 1, maxLength: 100 });
export const LocaleSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);

export const DeviceSchema = Type.Object(
  {
    id: Type.String({
      minLength: 8,
      maxLength: 128,
      pattern: '^[A-Za-z0-9_.:-]+$',
      description: 'A stable id the app generates once per installation',
    }),
    name: Type.String({ minLength: 1, maxLength: 64, examples: ['Xiaomi 14'] }),
  },
  { additionalProperties: false },
);
export type DeviceInput = Static<typeof DeviceSchema>;

export const SessionSchema = Type.Object({
  token: Type.String({ description: 'Bearer token for the Authorization header' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** Checked by the idempotency layer (not the schema), so a missing key gets its own problem code. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description:
        'Required. 1–128 of A-Z a-z 0-9 _ . : - ; unique per intended change: a retry with the same key and body gets the same answer',
    }),
  ),
});

/** Problem replies every route may give, plus the ones it lists. */
export function problemReplies(extra: Record<number, string>) {
  const replies: Record<number, ReturnType<typeof problemResponse>> = {
    400: problemResponse('The request is malformed'),
    429: problemResponse('Too many requests'),
  };
  for (const [status, description] of Object.entries(extra))
    replies[Number(status)] = problemResponse(description);
  return replies;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
