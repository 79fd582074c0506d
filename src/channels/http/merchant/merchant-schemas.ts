// TypeBox schemas of the merchant API's replies (they are the OpenAPI description and the serialisers).
import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Time = Type.String({ format: 'date-time' });

export const MerchantSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mcc: Type.String(),
  licenceNumber: Type.String(),
  contact: Type.Object({ name: Type.String(), phone: Type.String(), email: Type.String() }),
  city: Type.String(),
  country: Type.String(),
  settlementAccount: Type.Object({ bank: Type.String(), holder: Type.String(), last4: Type.String() }),
  status: Type.String(),
  webhookUrl: Nullable(Type.String()),
  createdAt: Time,
});

/** GET /me: the merchant, and for a portal session the person logged in. */
export const MeSchema = Type.Composite([
  MerchantSchema,
  Type.Object({
    user: Type.Optional(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        phone: Type.String(),
        role: Type.String(),
        store: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
      }),
    ),
  }),
]);

export const OrderSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  reference: Type.String(),
  amount: Type.String(),
  currency: Type.String(),
  description: Type.String(),
  tillId: Nullable(Type.String()),
  status: Type.String(),
  paymentId: Nullable(Type.String()),
  createdAt: Time,
  expiresAt: Time,
  qrPayload: Type.Optional(Type.String({ description: 'Dynamic QR: the EMVCo payload to show' })),
  checkoutUrl: Type.Optional(Type.String({ description: 'Checkout: where to send the customer' })),
});

export const MerchantPaymentSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  channel: Type.String(),
  orderId: Nullable(Type.String()),
  tillId: Nullable(Type.String()),
  reference: Type.String(),
  description: Type.String(),
  amount: Type.String(),
  fee: Type.String(),
  net: Type.String(),
  refunded: Type.String(),
  currency: Type.String(),
  customer: Type.Object({ phone: Type.String() }),
  failure: Nullable(Type.String()),
  createdAt: Time,
  completedAt: Nullable(Time),
});

export const RefundSchema = Type.Object({
  id: Type.String(),
  paymentId: Type.String(),
  kind: Type.String(),
  amount: Type.String(),
  feeReturned: Type.String({ description: 'The share of the discount fee given back to the merchant' }),
  currency: Type.String(),
  reason: Type.String(),
  status: Type.String(),
  failure: Nullable(Type.String()),
  createdAt: Time,
  completedAt: Nullable(Time),
});

export const ReferenceText = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
export const IdParam = Type.String({ minLength: 1, maxLength: 64 });
