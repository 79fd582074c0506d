// What the merchant API's route modules receive: the platform and the hooks they attach to their routes.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import type { DomainContext } from '../../../domain/context.js';
import type { Merchant } from '../../../domain/merchants/merchant.js';
import { type MerchantOrder, orderView } from '../../../domain/merchants/merchant-order.js';
import { renderQrPng, renderQrSvg } from '../../../domain/merchants/qr/qr-image.js';
import { findMerchantPayment } from '../../../domain/payments/merchant-payment-queries.js';
import { dynamicQrPayload } from '../../../domain/payments/qr-payments.js';
import type { Platform } from '../../../domain/platform.js';

export interface MerchantApiDeps {
  platform: Platform;
  /** Claims the Idempotency-Key, scoped to the merchant. */
  idempotent: preHandlerAsyncHookHandler;
}

/**
 * An order as the merchant API answers it: with its QR payload or checkout link. An order held by a payment
 * that has not completed yet is `processing`, never `paid` (the payment may still fail and reopen it).
 */
export async function orderReply(ctx: DomainContext, merchant: Merchant, order: MerchantOrder) {
  const payment = order.paymentId === null ? undefined : await findMerchantPayment(ctx.db, order.paymentId);
  const settled = order.status === 'paid' && payment?.status !== 'completed' ? 'processing' : undefined;
  const view = { ...orderView(order, ctx.clock()), ...(settled ? { status: settled } : {}) };
  if (order.kind === 'dynamic_qr') return { ...view, qrPayload: dynamicQrPayload(ctx, merchant, order) };
  if (order.kind === 'checkout')
    return { ...view, checkoutUrl: `${ctx.settings.merchants.publicUrl}/checkout/${order.id}` };
  return view;
}

export const QrImageFormat = Type.Union([Type.Literal('svg'), Type.Literal('png')]);

/** Answers a QR payload as an SVG or PNG image. */
export async function sendQrImage(
  reply: FastifyReply,
  payload: string,
  format: 'svg' | 'png',
): Promise<FastifyReply> {
  if (format === 'svg') return reply.type('image/svg+xml').send(await renderQrSvg(payload));
  return reply.type('image/png').send(await renderQrPng(payload));
}
