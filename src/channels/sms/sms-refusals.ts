// The SMS channel's refusal texts: the feature-phone map, with SMS's own words where a PIN or order step is meant.
import type { Locale } from '../../domain/notifications/messages.js';
import type { ConfirmResult } from '../../domain/payments/p2p-confirm.js';
import type { TillCodeResult } from '../../domain/payments/till-code-payments.js';
import { PHONE_REFUSAL_TEXTS } from '../phone-refusals.js';

type ErrorOf<R> = R extends { ok: false; error: infer E } ? E : never;

/** Every error a P2P transfer (priced or confirmed) or a till-code payment returns. */
export type SmsRefusal = ErrorOf<ConfirmResult> | ErrorOf<TillCodeResult>;

type Texts = Record<Locale, string>;

/** Steps an SMS payment never takes (PIN, SMS-code step-up, quotes, orders): the same answer for each. */
const NOT_BY_SMS: Texts = {
  en: 'This payment cannot be made by SMS. Use the mwallet app or USSD.',
  'zh-CN': '该笔付款无法通过短信完成，请使用mwallet应用或USSD。',
};
const TRY_AGAIN: Texts = {
  en: 'Not confirmed yet: it may still go through. Check your balance (BAL) in a minute before ordering again.',
  'zh-CN': '付款结果尚未确认，仍可能完成。请一分钟后发送 余额 查询，再决定是否重新发送指令。',
};

/** Where SMS answers differ from the other feature-phone channel's (no PIN, no SMS-code step, no orders). */
const SMS_TEXTS: Partial<Record<SmsRefusal, Texts>> = {
  sms_limit_exceeded: { en: 'This is above the SMS payment limit.', 'zh-CN': '超出短信支付限额。' },
  till_not_found: { en: 'No merchant has this till code.', 'zh-CN': '没有该编号的商户。' },
  invalid_amount: {
    en: 'That amount is not valid. Write it like 50 or 12.50.',
    'zh-CN': '金额无效，请写成50或12.50的形式。',
  },
  sim_swap_quarantine: {
    en: 'Your SIM changed recently: payments by SMS are paused for 72 hours.',
    'zh-CN': '您的SIM卡近期更换，72小时内暂停短信支付。',
  },
  idempotency_in_progress: {
    en: 'Your payment is still being processed. Check your balance (BAL) shortly.',
    'zh-CN': '付款仍在处理中，请稍后发送 余额 查询。',
  },
  idempotency_conflict: TRY_AGAIN,
  service_unavailable: TRY_AGAIN,
  pin_incorrect: NOT_BY_SMS,
  pin_required: NOT_BY_SMS,
  otp_required: NOT_BY_SMS,
  verification_invalid: NOT_BY_SMS,
  confirmation_required: NOT_BY_SMS,
  note_too_long: NOT_BY_SMS,
  quote_not_found: NOT_BY_SMS,
  quote_expired: NOT_BY_SMS,
  quote_used: NOT_BY_SMS,
  order_paid: NOT_BY_SMS,
  order_expired: NOT_BY_SMS,
  order_closed: NOT_BY_SMS,
};

export function refusalText(locale: Locale, error: SmsRefusal): string {
  return (SMS_TEXTS[error] ?? PHONE_REFUSAL_TEXTS[error])[locale];
}
