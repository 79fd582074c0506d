// The hosted checkout's HTTP pieces: form bodies, request schemas, the page language, and pages with their security headers.
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageLocale } from './checkout-messages.js';

/** Form bodies above this size are refused. */
export const FORM_LIMIT_BYTES = 4096;

export const OrderIdParams = Type.Object({ orderId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
export const LangQuery = Type.Object({
  lang: Type.Optional(
    Type.String({ maxLength: 16, description: 'zh-CN or en; otherwise the Accept-Language header decides' }),
  ),
});
export const PayForm = Type.Object(
  {
    phone: Type.String({ maxLength: 32, description: 'The wallet’s mobile number, as typed' }),
    pin: Type.String({ maxLength: 16, description: 'The 6-digit payment PIN' }),
    attempt: Type.String({
      pattern: '^[A-Za-z0-9_-]{16,64}$',
      description: 'The random id of the rendered form: a form submitted twice pays once',
    }),
    smsCode: Type.Optional(Type.String({ maxLength: 16, description: 'Second step: the SMS code' })),
    challengeId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Second step: the SMS code’s challenge' }),
    ),
  },
  { additionalProperties: false },
);

/** An OpenAPI response entry for an HTML page. */
export function htmlResponse(description: string) {
  return { description, content: { 'text/html': { schema: Type.String() } } };
}

/** `?lang=` wins; else Chinese when Accept-Language starts with zh; else English. */
export function pageLocale(request: FastifyRequest): PageLocale {
  const { query } = request;
  const lang = typeof query === 'object' && query !== null && 'lang' in query ? query.lang : undefined;
  if (typeof lang === 'string' && /^zh\b/i.test(lang)) return 'zh-CN';
  if (typeof lang === 'string' && /^en\b/i.test(lang)) return 'en';
  return /^\s*zh\b/i.test(request.headers['accept-language'] ?? '') ? 'zh-CN' : 'en';
}

/** A new random id for a rendered form. */
export const newAttempt = (): string => randomBytes(16).toString('base64url');

/** The origin a form may be sent on to (the merchant's returnUrl, reached by redirect), if any. */
export function originOf(url: string | null): string | undefined {
  if (url === null) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function securityHeaders(reply: FastifyReply, formOrigin: string | undefined): FastifyReply {
  const formAction = formOrigin === undefined ? "'self'" : `'self' ${formOrigin}`;
  return reply.headers({
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
}

export function sendPage(
  reply: FastifyReply,
  status: number,
  html: string,
  formOrigin?: string | undefined,
): FastifyReply {
  return securityHeaders(reply, formOrigin).code(status).type('text/html; charset=utf-8').send(html);
}

/** 303 See Other: the browser goes on to `location` with a GET. */
export function sendRedirect(
  reply: FastifyReply,
  location: string,
  formOrigin: string | undefined,
): FastifyReply {
  return securityHeaders(reply, formOrigin).redirect(location, 303);
}
