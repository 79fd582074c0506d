// Mounts the hosted checkout (cashier page) at /checkout/:orderId: HTML pages, form posts, its own error pages.
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { type Checkout, findCheckout, paidReturnUrl } from '../../../domain/checkout/checkout-order.js';
import { payCheckout } from '../../../domain/checkout/checkout-pay.js';
import type { Platform } from '../../../domain/platform.js';
import type { ApiScope } from '../api/api-deps.js';
import { acceptFormBodies } from '../form-body.js';
import { formPage, type Notice, noticePage, paidPage } from './checkout-html.js';
import {
  FORM_LIMIT_BYTES,
  htmlResponse,
  LangQuery,
  newAttempt,
  OrderIdParams,
  originOf,
  PayForm,
  pageLocale,
  sendPage,
  sendRedirect,
} from './checkout-http.js';
import { CHECKOUT_MESSAGES, type CheckoutCode, type PageLocale } from './checkout-messages.js';

const tags = ['checkout'];
const ORDER_STATE_ERRORS: ReadonlySet<CheckoutCode> = new Set([
  'order_paid',
  'order_expired',
  'order_closed',
]);

export function registerCheckout(
  app: FastifyInstance,
  options: { platform: Platform; rateLimitPerMinute: number },
): void {
  const { ctx } = options.platform;

  const sendNotice = (reply: FastifyReply, locale: PageLocale, code: CheckoutCode, checkout?: Checkout) =>
    sendPage(
      reply,
      CHECKOUT_MESSAGES[code].status,
      noticePage({ locale, notice: { code }, checkout }),
      originOf(checkout?.order.returnUrl ?? null),
    );

  /** A checkout that can no longer be paid: paid (with the way back), expired or cancelled; `refused` after a post. */
  const sendClosed = async (
    reply: FastifyReply,
    locale: PageLocale,
    checkout: Checkout,
    refused: boolean,
  ) => {
    const { order, status } = checkout;
    if (status !== 'paid') {
      return sendNotice(reply, locale, status === 'expired' ? 'order_expired' : 'order_closed', checkout);
    }
    const returnUrl = order.paymentId === null ? undefined : await paidReturnUrl(ctx, order, order.paymentId);
    const notice: Notice | undefined = refused ? { code: 'order_paid' } : undefined;
    const html = paidPage({ locale, checkout, returnUrl, notice });
    return sendPage(
      reply,
      refused ? CHECKOUT_MESSAGES.order_paid.status : 200,
      html,
      originOf(order.returnUrl),
    );
  };

  const sendForm = (
    reply: FastifyReply,
    locale: PageLocale,
    checkout: Checkout,
    page: Omit<Parameters<typeof formPage>[0], 'locale' | 'checkout' | 'attempt'>,
  ) =>
    sendPage(
      reply,
      page.notice ? CHECKOUT_MESSAGES[page.notice.code].status : 200,
      formPage({ ...page, locale, checkout, attempt: newAttempt() }),
      originOf(checkout.order.returnUrl),
    );

  app.register(async (scope) => {
    const routes: ApiScope = scope.withTypeProvider<TypeBoxTypeProvider>();
    acceptFormBodies(scope, { bodyLimit: FORM_LIMIT_BYTES, only: true });
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      const code: CheckoutCode =
        status === 429
          ? 'too_many_requests'
          : status >= 400 && status < 500
            ? 'bad_request'
            : 'internal_error';
      if (code === 'internal_error') request.log.error({ err: error }, 'unexpected error on a checkout page');
      return sendNotice(reply, pageLocale(request), code);
    });
    if (options.rateLimitPerMinute > 0) {
      await scope.register(rateLimit, { max: options.rateLimitPerMinute, timeWindow: 60_000 });
    }

    routes.get(
      '/checkout/:orderId',
      {
        schema: {
          tags,
          summary: 'The hosted checkout page (HTML, zh-CN or en) where a customer pays a checkout order',
          description:
            'A server-rendered page without scripts: merchant, amount, description and a form for the mobile ' +
            'number and PIN. A paid order shows the way back to the merchant (the signed return URL).',
          produces: ['text/html'],
          params: OrderIdParams,
          querystring: LangQuery,
          response: {
            200: htmlResponse('The payment form, or the paid page with the way back to the merchant'),
            400: htmlResponse('Malformed request'),
            404: htmlResponse('No such checkout'),
            409: htmlResponse('The order was cancelled'),
            410: htmlResponse('The order expired'),
            429: htmlResponse('Too many requests'),
          },
        },
      },
      async (request, reply) => {
        const locale = pageLocale(request);
        const checkout = await findCheckout(ctx, request.params.orderId);
        if (!checkout) return sendNotice(reply, locale, 'order_not_found');
        if (checkout.status !== 'open') return sendClosed(reply, locale, checkout, false);
        return sendForm(reply, locale, checkout, { step: { kind: 'pin' }, phone: '' });
      },
    );

    routes.post(
      '/checkout/:orderId/pay',
      {
        bodyLimit: FORM_LIMIT_BYTES,
        schema: {
          tags,
          summary: 'Pay a checkout with the page’s form (mobile number and PIN; then an SMS code if asked)',
          description:
            'Paid: 303 to the merchant’s returnUrl with order_id, reference, status, payment_id, amount, timestamp ' +
            'and signature = base64url(HMAC-SHA256(webhook secret, "order_id.reference.status.payment_id.amount.' +
            'timestamp")). Otherwise the page again with the reason; a step-up asks for an SMS code.',
          consumes: ['application/x-www-form-urlencoded'],
          produces: ['text/html'],
          params: OrderIdParams,
          querystring: LangQuery,
          body: PayForm,
          response: {
            200: htmlResponse('The SMS code step'),
            303: {
              type: 'null',
              description: 'Paid: on to the merchant’s returnUrl with the signed result',
              headers: {
                location: { type: 'string', description: 'returnUrl with the signed result appended' },
              },
            },
            400: htmlResponse('Malformed form (unknown field, too large, not form-encoded)'),
            403: htmlResponse('Wrong phone number or PIN, or a limit'),
            404: htmlResponse('No such checkout'),
            409: htmlResponse('Paid already or cancelled'),
            410: htmlResponse('Expired'),
            422: htmlResponse('Refused (balance, merchant, input)'),
            423: htmlResponse('Wallet or payments locked'),
            429: htmlResponse('Too many requests or SMS codes'),
            503: htmlResponse('Busy: nothing was charged'),
          },
        },
      },
      async (request, reply) => {
        const locale = pageLocale(request);
        const found = await findCheckout(ctx, request.params.orderId);
        if (!found) return sendNotice(reply, locale, 'order_not_found');
        const outcome = await payCheckout(ctx, found, request.body, request.ip);
        if (outcome.ok) {
          const origin = originOf(found.order.returnUrl);
          if (outcome.returnUrl !== undefined) return sendRedirect(reply, outcome.returnUrl, origin);
          return sendPage(reply, 200, paidPage({ locale, checkout: found, returnUrl: undefined }), origin);
        }
        const notice = { code: outcome.error, attemptsRemaining: outcome.attemptsRemaining };
        // An order that cannot be paid is shown as it is now (a refused payment may have given it back).
        const checkout = ORDER_STATE_ERRORS.has(outcome.error)
          ? ((await findCheckout(ctx, found.order.id)) ?? found)
          : found;
        if (checkout.status !== 'open') return sendClosed(reply, locale, checkout, true);
        return sendForm(reply, locale, checkout, { step: outcome.step, phone: request.body.phone, notice });
      },
    );
  });
}
