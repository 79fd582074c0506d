// Every reply of the SMS channel in en and zh-CN; amounts, numbers and names arrive formatted and masked.
import type { Locale } from '../../domain/notifications/messages.js';

export interface SmsReplyText {
  balance(amount: string): string;
  statementTitle: string;
  statementEmpty: string;
  confirmSend(q: { code: string; minutes: number; amount: string; recipient: string; fee: string }): string;
  confirmPay(q: { code: string; minutes: number; amount: string; merchant: string; till: string }): string;
  /** The payment went through but is not settled yet: its notice follows. */
  processing: string;
  nothingToConfirm: string;
  wrongCode(left: number): string;
  codeVoided: string;
  /** The SMS payment cap, said with the refusal of a payment above it. */
  smsCap(perPayment: string, perDay: string): string;
  /** Balance and statement are not sent while the number may be in someone else's hands. */
  readsPaused(hours: number): string;
  usage: Record<'send' | 'pay' | 'confirm', string>;
  help: string;
  unknown: string;
}

const EN: SmsReplyText = {
  balance: (amount) => `Your balance is ${amount}.`,
  statementTitle: 'Last transactions:',
  statementEmpty: 'No transactions yet.',
  confirmSend: (q) =>
    `Reply YES ${q.code} within ${q.minutes} minutes to send ${q.amount} to ${q.recipient} (fee ${q.fee}). ` +
    'Not you? Ignore this SMS.',
  confirmPay: (q) =>
    `Reply YES ${q.code} within ${q.minutes} minutes to pay ${q.amount} to ${q.merchant} (till ${q.till}). ` +
    'Not you? Ignore this SMS.',
  processing: 'Your payment is being processed. You will get an SMS when it is done.',
  nothingToConfirm:
    'No payment is waiting for this code. Codes expire after a few minutes: send the order again.',
  wrongCode: (left) => `Wrong code. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
  codeVoided: 'Wrong code 3 times: the payment is cancelled. Send the order again.',
  smsCap: (perPayment, perDay) =>
    `By SMS you can pay up to ${perPayment} at a time and ${perDay} a day. Use the app or USSD for more.`,
  readsPaused: (hours) =>
    `Your SIM changed recently: balance and statement by SMS are paused for ${hours} hours. Use the app.`,
  usage: {
    send: 'To send money: SEND <number> <amount>, e.g. SEND 13800000000 50',
    pay: 'To pay a shop: PAY <till code> <amount>, e.g. PAY 80000001 25.50',
    confirm: 'To confirm a payment, reply YES and the 6-digit code we sent you.',
  },
  help:
    'SMS commands: BAL balance; MINI statement; SEND <number> <amount>; PAY <till code> <amount>; ' +
    'then YES <code> to confirm. Never send your PIN.',
  unknown: 'Unknown command. Send BAL, MINI, SEND, PAY or HELP.',
};

const ZH: SmsReplyText = {
  balance: (amount) => `您的余额为${amount}。`,
  statementTitle: '最近交易：',
  statementEmpty: '暂无交易。',
  confirmSend: (q) =>
    `请在${q.minutes}分钟内回复“确认 ${q.code}”，向${q.recipient}转账${q.amount}（手续费${q.fee}）。如非本人操作请忽略。`,
  confirmPay: (q) =>
    `请在${q.minutes}分钟内回复“确认 ${q.code}”，向${q.merchant}（编号${q.till}）付款${q.amount}。如非本人操作请忽略。`,
  processing: '您的付款正在处理中，完成后将短信通知您。',
  nothingToConfirm: '没有待确认的付款。验证码几分钟后失效，请重新发送指令。',
  wrongCode: (left) => `验证码错误，还可尝试${left}次。`,
  codeVoided: '验证码错误3次，该笔付款已取消。请重新发送指令。',
  smsCap: (perPayment, perDay) =>
    `短信支付每笔最多${perPayment}，每日最多${perDay}。更大金额请使用mwallet应用或USSD。`,
  readsPaused: (hours) => `您的SIM卡近期更换，${hours}小时内暂停短信查询余额和明细，请使用mwallet应用。`,
  usage: {
    send: '转账请发送：转账 号码 金额，例如：转账 13800000000 50',
    pay: '付款请发送：付款 商户编号 金额，例如：付款 80000001 25.50',
    confirm: '确认付款请回复：确认 加6位验证码。',
  },
  help: 'mwallet短信服务：余额 查询余额；明细 最近交易；转账 号码 金额；付款 商户编号 金额；再回复 确认 验证码。切勿发送支付密码。',
  unknown: '无法识别的指令。请发送 余额、明细、转账、付款 或 帮助。',
};

const TEXTS: Record<Locale, SmsReplyText> = { en: EN, 'zh-CN': ZH };

export function smsTexts(locale: Locale): SmsReplyText {
  return TEXTS[locale];
}

/** To a number without a wallet (its language is unknown): both languages, and nothing about anyone. */
export const UNREGISTERED =
  '此号码未开通mwallet钱包，请下载mwallet应用用本号码注册。' +
  'This number has no mwallet wallet: get the mwallet app and register with this number.';
