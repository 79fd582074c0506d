// TypeBox schemas shared by the console API's routes: customers, the customer 360, reasons and notes.
import { type TSchema, Type } from '@sinclair/typebox';
import { PaymentSchema } from '../api/merchant-pay-routes.js';
import { EntrySchema } from '../api/wallet-routes.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Time = Type.String({ format: 'date-time' });

export const CustomerSummarySchema = Type.Object({
  id: Type.String(),
  phone: Type.String({ description: 'E.164' }),
  name: Nullable(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('closed')]),
  tier: Type.String(),
  locked: Type.Boolean(),
  createdAt: Time,
});

export const NoteSchema = Type.Object({
  id: Type.String(),
  author: Type.String({ description: 'staff:<username>' }),
  body: Type.String(),
  createdAt: Time,
});

export const CustomerOverviewSchema = Type.Object({
  customer: Type.Object({
    ...CustomerSummarySchema.properties,
    locale: Type.String(),
    birthDate: Nullable(Type.String()),
    idType: Nullable(Type.String()),
    idNumberLast4: Nullable(Type.String()),
  }),
  kyc: Nullable(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      requestedTier: Type.String(),
      submittedAt: Time,
      decisionNote: Nullable(Type.String()),
    }),
  ),
  balance: Type.String(),
  currency: Type.String(),
  devices: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), boundAt: Time, lastSeenAt: Time }),
  ),
  lock: Type.Object({ locked: Type.Boolean(), lockedAt: Nullable(Time), reason: Nullable(Type.String()) }),
  pin: Type.Object({
    failures: Type.Integer(),
    lockedAt: Nullable(Time),
    resetAt: Nullable(Time),
    resetAllowedUntil: Nullable(Time),
  }),
  history: Type.Array(EntrySchema),
  merchantPayments: Type.Array(PaymentSchema),
  notes: Type.Array(NoteSchema),
});

/** Why staff act: kept in the audit log. */
export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The trimmed reason or note, if it is 1–200 characters without control characters. */
export function cleanReason(text: string): string | undefined {
  const trimmed = text.trim();
  return /^[^\p{C}]{1,200}$/u.test(trimmed) ? trimmed : undefined;
}
