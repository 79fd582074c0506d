// The hosted checkout's one complete map from outcome codes to HTTP statuses and texts in English and Chinese.
import type { CheckoutError } from '../../../domain/checkout/checkout-pay.js';
import { API_PROBLEMS } from '../api/api-problems.js';

export type PageLocale = 'zh-CN' | 'en';

/** Every outcome a checkout page can show: the domain's, and the page's own (unknown order, bad request…). */
export type CheckoutCode =
  | CheckoutError
  | 'order_not_found'
  | 'bad_request'
  | 'too_many_requests'
  | 'internal_error';

interface Message {
  readonly status: number;
  readonly en: string;
  readonly zh: string;
}

export const CHECKOUT_MESSAGES: Readonly<Record<CheckoutCode, Message>> = {
  // Worded as in the app API.
  not_mobile: API_PROBLEMS.not_mobile,
  sim_swap_quarantine: API_PROBLEMS.sim_swap_quarantine,
  sms_limit_exceeded: API_PROBLEMS.sms_limit_exceeded,
  limit_exceeded: API_PROBLEMS.limit_exceeded,
  velocity_exceeded: API_PROBLEMS.velocity_exceeded,
  merchant_unavailable: API_PROBLEMS.merchant_unavailable,
  order_paid: API_PROBLEMS.order_paid,
  sms_code_sent: {
    status: 200,
    en: 'We sent a 6-digit code by SMS to your phone. Enter it and your PIN to pay.',
    zh: '验证码已通过短信发送到您的手机，请输入验证码和支付密码完成付款。',
  },
  credentials_invalid: {
    status: 403,
    en: 'Wrong phone number or PIN. Too many wrong PINs in a row lock payments.',
    zh: '手机号或支付密码错误。连续多次输错支付密码将锁定支付。',
  },
  invalid_phone: { status: 422, en: 'Enter a valid mobile number.', zh: '请输入有效的手机号码。' },
  pin_format: { status: 422, en: 'Your PIN is exactly 6 digits.', zh: '支付密码为6位数字。' },
  sms_code_format: { status: 422, en: 'The SMS code is 6 digits.', zh: '短信验证码为6位数字。' },
  otp_rate_limited: {
    status: 429,
    en: 'Too many SMS codes were requested; wait a minute and try again.',
    zh: '短信验证码请求过于频繁，请稍后再试。',
  },
  otp_incorrect: { status: 422, en: 'The SMS code is not correct.', zh: '短信验证码不正确。' },
  otp_invalid: {
    status: 422,
    en: 'This SMS code request is unknown; start again.',
    zh: '验证码请求无效，请重新开始。',
  },
  otp_expired: {
    status: 410,
    en: 'The SMS code has expired; start again.',
    zh: '短信验证码已过期，请重新开始。',
  },
  otp_used: {
    status: 409,
    en: 'The SMS code was already used; start again.',
    zh: '短信验证码已使用，请重新开始。',
  },
  otp_attempts_exceeded: {
    status: 403,
    en: 'Too many wrong SMS codes; start again for a new code.',
    zh: '验证码错误次数过多，请重新开始获取新验证码。',
  },
  verification_invalid: {
    status: 403,
    en: 'The SMS verification is no longer valid; start again.',
    zh: '短信验证已失效，请重新开始。',
  },
  pin_locked: {
    status: 423,
    en: 'Payments from this wallet are locked after too many wrong PINs. Reset your PIN in the mwallet app.',
    zh: '支付密码错误次数过多，支付已锁定。请在 mwallet 应用中重置支付密码。',
  },
  account_locked: {
    status: 423,
    en: 'This wallet is locked. Unlock it in the mwallet app.',
    zh: '钱包已锁定，请在 mwallet 应用中解锁。',
  },
  confirmation_required: {
    status: 403,
    en: 'Confirm this payment in the mwallet app.',
    zh: '请在 mwallet 应用中确认此笔付款。',
  },
  insufficient_funds: {
    status: 422,
    en: 'Your balance is too low. Top up your wallet and try again.',
    zh: '余额不足，请充值后重试。',
  },
  idempotency_conflict: {
    status: 409,
    en: 'This form was already used; reload the page.',
    zh: '该表单已提交过，请刷新页面。',
  },
  idempotency_in_progress: {
    status: 409,
    en: 'Your payment is still being processed; check again in a moment.',
    zh: '您的付款仍在处理中，请稍后查看。',
  },
  service_unavailable: {
    status: 503,
    en: 'We could not confirm the payment yet; it may still go through. Reload this page in a minute before paying again.',
    zh: '暂时无法确认付款结果，付款仍可能完成。请一分钟后刷新本页，再决定是否重新付款。',
  },
  order_expired: {
    status: 410,
    en: 'This payment page has expired. Go back to the merchant to start again.',
    zh: '支付页面已过期，请返回商户重新下单。',
  },
  order_closed: {
    status: 409,
    en: 'This order was cancelled and can no longer be paid.',
    zh: '该订单已取消，无法支付。',
  },
  order_not_found: {
    status: 404,
    en: 'There is no such payment page. Check the link from the merchant.',
    zh: '支付页面不存在，请检查商户提供的链接。',
  },
  bad_request: {
    status: 400,
    en: 'The form could not be read. Go back and try again.',
    zh: '无法读取表单内容，请返回重试。',
  },
  too_many_requests: {
    status: 429,
    en: 'Too many requests; wait a minute.',
    zh: '请求过于频繁，请稍后再试。',
  },
  internal_error: {
    status: 500,
    en: 'Something went wrong on our side. Try again in a moment.',
    zh: '系统出现问题，请稍后重试。',
  },
};

/** A message in the page's language, with the tries left when there are some. */
export function messageText(code: CheckoutCode, locale: PageLocale, attemptsRemaining?: number): string {
  const message = CHECKOUT_MESSAGES[code];
  if (attemptsRemaining === undefined) return locale === 'en' ? message.en : message.zh;
  return locale === 'en'
    ? `${message.en} ${attemptsRemaining} ${attemptsRemaining === 1 ? 'try' : 'tries'} left.`
    : `${message.zh}还可尝试${attemptsRemaining}次。`;
}
