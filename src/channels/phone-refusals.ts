// The feature-phone channels' (USSD, SMS) one complete map from every domain refusal to a short text in en and zh-CN.

import type { RequestCodeResult, VerifyCodeResult } from '../domain/customers/otp.js';
import type { ChangePinResult } from '../domain/customers/pin-management.js';
import type { PreferencesResult } from '../domain/customers/preferences.js';
import type { LockResult } from '../domain/customers/wallet-lock.js';
import type { Locale } from '../domain/notifications/messages.js';
import type { CashOutResult } from '../domain/payments/cash-out-requests.js';
import type { ChargeError } from '../domain/payments/merchant-charge.js';
import type { ConfirmError } from '../domain/payments/p2p-confirm.js';
import type { RequestError } from '../domain/payments/payment-requests.js';
import type { TillCodeResult } from '../domain/payments/till-code-payments.js';

type ErrorOf<R> = R extends { ok: false; error: infer E } ? E : never;

export type RefusalCode =
  | ConfirmError
  | ChargeError
  | RequestError
  | ErrorOf<TillCodeResult>
  | ErrorOf<CashOutResult>
  | ErrorOf<ChangePinResult>
  | ErrorOf<VerifyCodeResult>
  | ErrorOf<RequestCodeResult>
  | ErrorOf<LockResult>
  | ErrorOf<PreferencesResult>
  /** The new PIN and its repetition differ (checked by the channel). */
  | 'pin_mismatch';

export const PHONE_REFUSAL_TEXTS: Record<RefusalCode, Record<Locale, string>> = {
  pin_incorrect: { en: 'Wrong PIN.', 'zh-CN': '支付密码错误。' },
  pin_locked: {
    en: 'Too many wrong PINs: payments are locked. Reset your PIN in the mwallet app.',
    'zh-CN': '支付密码错误次数过多，支付已锁定。请在mwallet应用中重置密码。',
  },
  pin_required: { en: 'Your PIN is needed.', 'zh-CN': '需要输入支付密码。' },
  pin_format: { en: 'A PIN is 6 digits.', 'zh-CN': '支付密码为6位数字。' },
  pin_too_simple: { en: 'That PIN is too easy to guess.', 'zh-CN': '密码过于简单。' },
  pin_mismatch: { en: 'The PINs differ.', 'zh-CN': '两次输入的密码不一致。' },
  unauthorized: { en: 'This wallet is not available.', 'zh-CN': '该钱包不可用。' },
  otp_required: { en: 'An SMS code is needed.', 'zh-CN': '需要短信验证码。' },
  otp_rate_limited: {
    en: 'Too many SMS codes. Try again later.',
    'zh-CN': '验证码发送过于频繁，请稍后再试。',
  },
  otp_incorrect: { en: 'Wrong code.', 'zh-CN': '验证码错误。' },
  otp_invalid: { en: 'The SMS code is not valid.', 'zh-CN': '验证码无效。' },
  otp_expired: { en: 'The SMS code expired. Start again.', 'zh-CN': '验证码已过期，请重新开始。' },
  otp_used: { en: 'The SMS code was used already.', 'zh-CN': '验证码已使用。' },
  otp_attempts_exceeded: {
    en: 'Too many wrong codes. Start again.',
    'zh-CN': '验证码错误次数过多，请重新开始。',
  },
  verification_invalid: {
    en: 'The SMS check failed. Start again.',
    'zh-CN': '短信验证失败，请重新开始。',
  },
  confirmation_required: { en: 'This payment needs your PIN.', 'zh-CN': '此笔支付需要支付密码。' },
  account_locked: {
    en: 'Your wallet is locked. Unlock it in the mwallet app.',
    'zh-CN': '您的钱包已锁定，请在mwallet应用中解锁。',
  },
  customer_not_found: { en: 'This wallet is not available.', 'zh-CN': '该钱包不可用。' },
  sim_swap_quarantine: {
    en: 'Your SIM changed recently: larger payments are paused for 72 hours.',
    'zh-CN': '您的SIM卡近期更换，72小时内暂停大额支付。',
  },
  limit_exceeded: { en: 'This is above your limits.', 'zh-CN': '超出您的支付限额。' },
  sms_limit_exceeded: {
    en: 'Payments by SMS are for small amounts only.',
    'zh-CN': '短信支付仅限小额。',
  },
  velocity_exceeded: {
    en: 'Too many payments this hour. Try later.',
    'zh-CN': '一小时内支付次数过多，请稍后再试。',
  },
  recipient_limit_exceeded: {
    en: 'The recipient cannot hold this much.',
    'zh-CN': '收款方余额将超出上限。',
  },
  recipient_unavailable: { en: 'The recipient cannot receive money.', 'zh-CN': '收款方暂时无法收款。' },
  insufficient_funds: { en: 'Your balance is too low.', 'zh-CN': '余额不足。' },
  invalid_phone: { en: 'That is not a valid number.', 'zh-CN': '号码无效。' },
  not_mobile: { en: 'That is not a mobile number.', 'zh-CN': '该号码不是手机号码。' },
  self_payment: { en: 'You cannot send to yourself.', 'zh-CN': '不能向自己转账。' },
  invalid_amount: { en: 'That amount is not valid.', 'zh-CN': '金额无效。' },
  amount_below_fee: { en: 'The amount does not cover the fee.', 'zh-CN': '金额不足以支付手续费。' },
  note_too_long: { en: 'The note is too long.', 'zh-CN': '备注过长。' },
  quote_not_found: { en: 'The payment expired. Start again.', 'zh-CN': '付款已失效，请重新开始。' },
  quote_expired: { en: 'The payment expired. Start again.', 'zh-CN': '付款已失效，请重新开始。' },
  quote_used: { en: 'This payment was made already.', 'zh-CN': '该笔付款已完成。' },
  idempotency_conflict: {
    en: 'This step was used for another payment. Start again.',
    'zh-CN': '该步骤已用于另一笔付款，请重新开始。',
  },
  idempotency_in_progress: {
    en: 'Your payment is still being processed. Check your balance shortly.',
    'zh-CN': '付款仍在处理中，请稍后查询余额。',
  },
  service_unavailable: {
    en: 'Not confirmed yet: the payment may still go through. Check your balance in a minute before paying again.',
    'zh-CN': '付款结果尚未确认，仍可能完成。请一分钟后查询余额，再决定是否重新付款。',
  },
  merchant_unavailable: { en: 'This merchant cannot take payments now.', 'zh-CN': '该商户暂时无法收款。' },
  organisation_unavailable: {
    en: 'This agent cannot pay out cash now.',
    'zh-CN': '该代理点暂时无法办理取现。',
  },
  balance_cap_exceeded: { en: 'The wallet cannot hold this much.', 'zh-CN': '钱包余额将超出上限。' },
  till_not_found: { en: 'No merchant has this code.', 'zh-CN': '没有该编号的商户。' },
  request_not_found: { en: 'This request is gone.', 'zh-CN': '该付款请求不存在。' },
  order_paid: { en: 'This request is paid already.', 'zh-CN': '该请求已支付。' },
  order_expired: { en: 'This request has expired.', 'zh-CN': '该请求已过期。' },
  order_closed: { en: 'This request was closed.', 'zh-CN': '该请求已关闭。' },
  password_free_unavailable: {
    en: 'Password-free payments are not offered.',
    'zh-CN': '未开通小额免密支付。',
  },
};

/** The text for a refusal; a wrong PIN or code says how many tries are left. */
export function refusalText(locale: Locale, refusal: { error: RefusalCode; attemptsRemaining?: number }) {
  const text = PHONE_REFUSAL_TEXTS[refusal.error][locale];
  const left = refusal.attemptsRemaining;
  if (left === undefined) return text;
  return locale === 'en'
    ? `${text} ${left} ${left === 1 ? 'try' : 'tries'} left.`
    : `${text}还可尝试${left}次。`;
}
