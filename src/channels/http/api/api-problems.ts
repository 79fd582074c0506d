// The app API's one complete map from domain error codes to HTTP statuses and texts in English and Chinese.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_PROBLEMS } from '../console/console-problems.js';
import { PROBLEM_CONTENT_TYPE, problem } from '../problem.js';
import { MERCHANT_PROBLEMS } from './merchant-problems.js';
import { PORTAL_PROBLEMS } from './portal-problems.js';

interface ProblemText {
  readonly status: number;
  readonly en: string;
  readonly zh: string;
}

export const API_PROBLEMS = {
  unauthorized: { status: 401, en: 'Log in first: send a valid session token.', zh: '请先登录。' },
  not_found: { status: 404, en: 'Not found.', zh: '未找到。' },
  idempotency_key_required: {
    status: 400,
    en: 'Send an Idempotency-Key header (1–128 letters, digits, - _ . :) with every change.',
    zh: '每个修改请求都需要 Idempotency-Key 请求头。',
  },
  idempotency_key_reused: {
    status: 422,
    en: 'This Idempotency-Key was already used for a different request.',
    zh: '该幂等键已用于另一个不同的请求。',
  },
  idempotency_conflict: {
    status: 422,
    en: 'This Idempotency-Key was already used for a different request.',
    zh: '该幂等键已用于另一个不同的请求。',
  },
  idempotency_in_progress: {
    status: 409,
    en: 'A request with this Idempotency-Key is still being processed; retry shortly.',
    zh: '相同幂等键的请求仍在处理中，请稍后重试。',
  },
  invalid_query: {
    status: 400,
    en: 'A query parameter is out of range (dates from 1970 to 2262, a cursor from a previous page).',
    zh: '查询参数超出范围。',
  },
  too_many_requests: { status: 429, en: 'Too many requests; slow down.', zh: '请求过于频繁，请稍后再试。' },
  invalid_phone: { status: 422, en: 'That is not a valid phone number.', zh: '手机号码无效。' },
  not_mobile: { status: 422, en: 'That number is not a mobile number.', zh: '该号码不是手机号码。' },
  otp_rate_limited: {
    status: 429,
    en: 'Too many SMS codes requested; wait before asking again.',
    zh: '短信验证码请求过于频繁，请稍后再试。',
  },
  otp_invalid: { status: 404, en: 'No such SMS code request.', zh: '验证码请求不存在。' },
  otp_expired: {
    status: 410,
    en: 'The SMS code has expired; request a new one.',
    zh: '验证码已过期，请重新获取。',
  },
  otp_used: { status: 409, en: 'The SMS code was already used.', zh: '验证码已使用。' },
  otp_attempts_exceeded: {
    status: 403,
    en: 'Too many wrong codes; request a new one.',
    zh: '验证码错误次数过多，请重新获取。',
  },
  otp_incorrect: { status: 422, en: 'The SMS code is not correct.', zh: '验证码不正确。' },
  verification_invalid: {
    status: 403,
    en: 'The verification is missing, used, expired or for another purpose; verify an SMS code again.',
    zh: '验证无效或已过期，请重新进行短信验证。',
  },
  phone_taken: { status: 409, en: 'This number already has a wallet.', zh: '该号码已开通钱包。' },
  pin_format: { status: 422, en: 'A PIN is exactly 6 digits.', zh: '支付密码必须是6位数字。' },
  pin_too_simple: {
    status: 422,
    en: 'That PIN is too easy to guess (repeated, sequential, birth date or phone digits).',
    zh: '支付密码过于简单（重复、连续、生日或手机号数字）。',
  },
  invalid_credentials: { status: 401, en: 'Wrong phone number or PIN.', zh: '手机号或支付密码错误。' },
  pin_incorrect: { status: 403, en: 'The PIN is not correct.', zh: '支付密码不正确。' },
  pin_locked: {
    status: 423,
    en: 'Payments are locked after too many wrong PINs; reset the PIN with an SMS code and your ID.',
    zh: '支付密码错误次数过多，支付已锁定；请通过短信验证码和身份证重置密码。',
  },
  pin_required: { status: 403, en: 'This payment needs your PIN.', zh: '此笔支付需要输入支付密码。' },
  otp_required: {
    status: 403,
    en: 'This payment needs your PIN and an SMS code (purpose "payment").',
    zh: '此笔支付需要支付密码和短信验证码。',
  },
  account_locked: {
    status: 423,
    en: 'This wallet is locked; unlock it after verifying again.',
    zh: '钱包已锁定，请重新验证身份后解锁。',
  },
  device_verification_required: {
    status: 403,
    en: 'New device: verify an SMS code (purpose "login") and log in again with its token.',
    zh: '新设备登录：请先完成短信验证。',
  },
  device_not_found: { status: 404, en: 'No such device.', zh: '设备不存在。' },
  invalid_amount: { status: 422, en: 'The amount is not valid for this currency.', zh: '金额格式无效。' },
  note_too_long: {
    status: 422,
    en: 'The note is too long (at most 140 characters).',
    zh: '备注过长（最多140字）。',
  },
  self_payment: { status: 422, en: 'You cannot send money to yourself.', zh: '不能向自己转账。' },
  amount_below_fee: { status: 422, en: 'The amount does not cover the fee.', zh: '金额不足以支付手续费。' },
  sim_swap_quarantine: {
    status: 403,
    en: 'Your SIM card was changed recently; larger payments are paused for 72 hours.',
    zh: '您的SIM卡近期更换，72小时内暂停大额支付。',
  },
  sms_limit_exceeded: {
    status: 403,
    en: 'Payments by SMS are limited to small amounts (¥200 each, ¥1,000 a day); use the app or USSD with your PIN.',
    zh: '短信支付仅限小额（单笔200元、每日1000元），请使用客户端或USSD并输入支付密码。',
  },
  limit_exceeded: {
    status: 403,
    en: 'This payment is above your account limits.',
    zh: '超出您账户的支付限额。',
  },
  velocity_exceeded: {
    status: 429,
    en: 'Too many payments in the last hour; try again later.',
    zh: '一小时内支付次数过多，请稍后再试。',
  },
  recipient_limit_exceeded: {
    status: 422,
    en: "The recipient's wallet cannot hold this much.",
    zh: '收款方钱包余额将超出上限。',
  },
  recipient_unavailable: {
    status: 422,
    en: 'The recipient cannot receive money.',
    zh: '收款方暂时无法收款。',
  },
  insufficient_funds: { status: 422, en: 'Your balance is too low.', zh: '余额不足。' },
  quote_not_found: { status: 404, en: 'No such quote.', zh: '报价不存在。' },
  quote_expired: {
    status: 410,
    en: 'The quote has expired; ask for a new one.',
    zh: '报价已过期，请重新获取。',
  },
  quote_used: { status: 409, en: 'This quote was already confirmed.', zh: '该报价已确认。' },
  payment_not_found: { status: 404, en: 'No such payment.', zh: '交易不存在。' },
  id_mismatch: {
    status: 403,
    en: 'The identity document number does not match our records.',
    zh: '证件号码与记录不符。',
  },
  customer_not_found: { status: 404, en: 'No wallet has this number.', zh: '该号码未开通钱包。' },
  not_locked: { status: 409, en: 'The wallet is not locked.', zh: '钱包未锁定。' },
  balance_not_zero: {
    status: 409,
    en: 'Withdraw or transfer the whole balance (and wait for held transfers) before closing.',
    zh: '请先转出全部余额（并等待在途款项完成）后再销户。',
  },
  closure_in_progress: {
    status: 409,
    en: 'This wallet is already being closed; try again in a minute.',
    zh: '钱包正在销户处理中，请一分钟后再试。',
  },
  password_free_unavailable: {
    status: 403,
    en: 'Password-free payments are not offered by this operator.',
    zh: '本平台未开通小额免密支付。',
  },
  invalid_name: { status: 422, en: 'Write the name exactly as on the document.', zh: '请按证件填写姓名。' },
  invalid_id_number: { status: 422, en: 'The identity document number is not valid.', zh: '证件号码无效。' },
  birth_date_mismatch: {
    status: 422,
    en: 'The birth date does not match the identity number.',
    zh: '出生日期与身份证号码不符。',
  },
  tier_not_higher: {
    status: 422,
    en: 'Ask for a tier above your current one.',
    zh: '请申请高于当前等级的账户类别。',
  },
  kyc_pending_exists: {
    status: 409,
    en: 'An application is already waiting for review.',
    zh: '已有待审核的实名认证申请。',
  },
  id_in_use: {
    status: 409,
    en: 'This identity document is already used by another wallet.',
    zh: '该证件已被其他钱包使用。',
  },
  service_unavailable: {
    status: 503,
    en: 'The service is busy. Retry with the same Idempotency-Key: a payment already recorded then completes or fails, exactly once.',
    zh: '服务繁忙。请使用相同幂等键重试：已记录的付款将完成或失败，且只处理一次。',
  },
  ...MERCHANT_PROBLEMS,
  ...CONSOLE_PROBLEMS,
  ...PORTAL_PROBLEMS,
} as const satisfies Record<string, ProblemText>;

export type ApiErrorCode = keyof typeof API_PROBLEMS;

/** Chinese when the client prefers it (Accept-Language starting with zh), else English. */
export function prefersChinese(request: FastifyRequest): boolean {
  return /^\s*zh\b/i.test(request.headers['accept-language'] ?? '');
}

/** Sends the problem+json reply for a domain error code, with any extra members (e.g. attemptsRemaining). */
export function sendApiError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ApiErrorCode,
  extra: Record<string, string | number> = {},
): FastifyReply {
  const text: ProblemText = API_PROBLEMS[code];
  const body = { ...problem(text.status, code, prefersChinese(request) ? text.zh : text.en), ...extra };
  return reply.code(text.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** A domain refusal: its code, and what the client may be told with it. */
export interface Refusal {
  error: ApiErrorCode;
  attemptsRemaining?: number;
  /** Which rule refused (e.g. the limit), sent as `reason`. */
  detail?: string;
  /** The payment recorded for the refused request, if one was. */
  paymentId?: string;
}

export function sendRefusal(request: FastifyRequest, reply: FastifyReply, refusal: Refusal): FastifyReply {
  const extra: Record<string, string | number> = {};
  if (refusal.attemptsRemaining !== undefined) extra.attemptsRemaining = refusal.attemptsRemaining;
  if (refusal.detail !== undefined) extra.reason = refusal.detail;
  if (refusal.paymentId !== undefined) extra.paymentId = refusal.paymentId;
  return sendApiError(request, reply, refusal.error, extra);
}
