// Every SMS text mwallet sends, in zh-CN and en: the message kinds, their parameters and renderSms.

/** The locales every SMS exists in. */
export type Locale = 'zh-CN' | 'en';

/** What a one-time code confirms. */
export type OtpPurpose =
  | 'register'
  | 'login'
  | 'reset_pin'
  | 'unlock'
  | 'lock'
  | 'payment'
  | 'close'
  | 'merchant_login';

/** The parameters of a debit or credit notice; amounts come already formatted for display (e.g. '¥12.50'). */
interface MovementParams {
  amount: string;
  counterparty: string;
  balance: string;
  reference: string;
}

/** One SMS to send, by kind. Money is passed pre-formatted; phone numbers of third parties come masked. */
export type SmsMessage =
  | { kind: 'otp'; code: string; purpose: OtpPurpose }
  | { kind: 'new_device_login'; device: string; at: string }
  | ({ kind: 'debit' } & MovementParams)
  | ({ kind: 'credit' } & MovementParams)
  /** To an unregistered number: money waits until `expiresAt`; `claimHint` says where to register (link or USSD). */
  | { kind: 'incoming_unclaimed'; amount: string; sender: string; expiresAt: string; claimHint: string }
  /** To the sender: an unclaimed transfer came back. */
  | { kind: 'unclaimed_returned'; amount: string; recipient: string; balance: string }
  | ({ kind: 'refund' } & MovementParams)
  /** A merchant asks the customer to pay; `expiresAt` is when the request lapses. */
  | { kind: 'payment_request'; merchant: string; amount: string; description: string; expiresAt: string }
  /** An agent asks to pay the customer cash out of the wallet; confirmed in the app by `expiresAt`. */
  | { kind: 'cash_out_request'; agent: string; amount: string; expiresAt: string }
  | { kind: 'account_locked' }
  | { kind: 'account_unlocked' }
  | { kind: 'pin_locked' }
  /** Staff verified the customer's identity: a new PIN can be set with an SMS code alone until `until`. */
  | { kind: 'pin_reset_allowed'; until: string }
  /** A wallet opened for this number by an agent or a partner (`by`): the customer sets the PIN by SMS code. */
  | { kind: 'account_opened'; by: string }
  /** A channel's answer to the customer (SMS commands), already written in the customer's language. */
  | { kind: 'reply'; text: string };

type Of<K extends SmsMessage['kind']> = Extract<SmsMessage, { kind: K }>;
type Templates = { [K in SmsMessage['kind']]: (message: Of<K>) => string } & {
  purposes: Record<OtpPurpose, string>;
};

const BRAND: Record<Locale, string> = { 'zh-CN': '【mwallet】', en: '[mwallet] ' };

const ZH: Templates = {
  purposes: {
    register: '注册',
    login: '登录',
    reset_pin: '重置支付密码',
    unlock: '解冻账户',
    lock: '冻结账户',
    payment: '确认付款',
    close: '注销账户',
    merchant_login: '登录商户后台',
  },
  otp: (m) => `验证码${m.code}，用于${ZH.purposes[m.purpose]}，5分钟内有效。请勿告诉任何人，包括客服。`,
  new_device_login: (m) =>
    `您的账户于${m.at}在新设备“${m.device}”登录。如非本人操作，请立即联系客服冻结账户。`,
  debit: (m) => `您向${m.counterparty}付款${m.amount}，余额${m.balance}。流水号${m.reference}。`,
  credit: (m) => `${m.counterparty}向您转入${m.amount}，余额${m.balance}。流水号${m.reference}。`,
  incoming_unclaimed: (m) =>
    `${m.sender}向您转账${m.amount}。请用本手机号注册mwallet领取：${m.claimHint}。${m.expiresAt}前未领取将退回。`,
  unclaimed_returned: (m) => `您转给${m.recipient}的${m.amount}未被领取，已退回账户，余额${m.balance}。`,
  refund: (m) => `${m.counterparty}退款${m.amount}已到账，余额${m.balance}。流水号${m.reference}。`,
  payment_request: (m) =>
    `${m.merchant}请求您支付${m.amount}（${m.description}），请于${m.expiresAt}前在mwallet中确认或拒绝。`,
  cash_out_request: (m) =>
    `${m.agent}请求为您取现${m.amount}，请于${m.expiresAt}前在mwallet中确认或拒绝。如您不在该网点，请拒绝。`,
  account_locked: () => '您的账户已冻结，付款和登录已暂停。如非本人操作，请联系客服。',
  account_unlocked: () => '您的账户已解冻，可正常使用。如非本人操作，请立即联系客服。',
  pin_locked: () => '支付密码错误次数过多，已被锁定。请用短信验证码重置支付密码。',
  pin_reset_allowed: (m) =>
    `客服已核实您的身份。请在${m.until}前用短信验证码设置新的支付密码。如非本人操作，请立即联系客服。`,
  account_opened: (m) =>
    `${m.by}已为本号码开通mwallet钱包。请在mwallet中选择“忘记支付密码”，用短信验证码设置支付密码。如非本人申请，请联系客服。`,
  reply: (m) => m.text,
};

const EN: Templates = {
  purposes: {
    register: 'register',
    login: 'log in',
    reset_pin: 'reset your PIN',
    unlock: 'unlock your account',
    lock: 'lock your account',
    payment: 'confirm a payment',
    close: 'close your account',
    merchant_login: 'sign in to the merchant portal',
  },
  otp: (m) =>
    `Code ${m.code} to ${EN.purposes[m.purpose]}. Valid 5 minutes. Never share it, not even with us.`,
  new_device_login: (m) =>
    `New sign-in on "${m.device}" at ${m.at}. Not you? Call us now to lock your wallet.`,
  debit: (m) => `You paid ${m.amount} to ${m.counterparty}. Balance ${m.balance}. Ref ${m.reference}`,
  credit: (m) => `You got ${m.amount} from ${m.counterparty}. Balance ${m.balance}. Ref ${m.reference}`,
  incoming_unclaimed: (m) =>
    `${m.sender} sent you ${m.amount}. Claim it by ${m.expiresAt}: sign up with this number at ${m.claimHint}`,
  unclaimed_returned: (m) =>
    `Your ${m.amount} to ${m.recipient} was not claimed and is back in your wallet. Balance ${m.balance}`,
  refund: (m) => `Refund of ${m.amount} from ${m.counterparty}. Balance ${m.balance}. Ref ${m.reference}`,
  payment_request: (m) =>
    `${m.merchant} asks you to pay ${m.amount} (${m.description}). Confirm or decline in mwallet by ${m.expiresAt}`,
  cash_out_request: (m) =>
    `${m.agent} asks to cash out ${m.amount} from your wallet. Confirm in mwallet by ${m.expiresAt}; not you? Decline.`,
  account_locked: () => 'Your wallet is locked: payments and sign-in are stopped. Not you? Call us.',
  account_unlocked: () => 'Your wallet is unlocked and works again. Not you? Call us now.',
  pin_locked: () => 'Too many wrong PINs: your PIN is locked. Reset it with an SMS code.',
  pin_reset_allowed: (m) =>
    `We verified your identity. Set a new PIN with an SMS code before ${m.until}. Not you? Call us now.`,
  account_opened: (m) =>
    `${m.by} opened a wallet for you. Set your PIN in mwallet: Forgot PIN, then the SMS code. Not you? Call us.`,
  reply: (m) => m.text,
};

const TEMPLATES: Record<Locale, Templates> = { 'zh-CN': ZH, en: EN };

function body(message: SmsMessage, t: Templates): string {
  switch (message.kind) {
    case 'otp':
      return t.otp(message);
    case 'new_device_login':
      return t.new_device_login(message);
    case 'debit':
      return t.debit(message);
    case 'credit':
      return t.credit(message);
    case 'incoming_unclaimed':
      return t.incoming_unclaimed(message);
    case 'unclaimed_returned':
      return t.unclaimed_returned(message);
    case 'refund':
      return t.refund(message);
    case 'payment_request':
      return t.payment_request(message);
    case 'cash_out_request':
      return t.cash_out_request(message);
    case 'account_locked':
      return t.account_locked(message);
    case 'account_unlocked':
      return t.account_unlocked(message);
    case 'pin_locked':
      return t.pin_locked(message);
    case 'pin_reset_allowed':
      return t.pin_reset_allowed(message);
    case 'account_opened':
      return t.account_opened(message);
    case 'reply':
      return t.reply(message);
  }
}

/** The text of an SMS in the customer's locale, with the brand prefix (`【mwallet】` or `[mwallet] `). */
export function renderSms(message: SmsMessage, locale: Locale): string {
  return BRAND[locale] + body(message, TEMPLATES[locale]);
}
