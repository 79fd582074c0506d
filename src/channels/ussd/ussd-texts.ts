// Every text of the USSD menus, in en and zh-CN; amounts and names arrive formatted and clipped.
import type { Locale } from '../../domain/notifications/messages.js';

export interface Texts {
  home: string;
  invalidChoice: string;
  more: string;
  back: string;
  enterPin: string;
  balance(amount: string): string;
  statementTitle: string;
  statementEmpty: string;
  sendTo: string;
  sendAmount(number: string): string;
  sendConfirm(q: { recipient: string; amount: string; fee: string; total: string }): string;
  sent(amount: string, payee: string): string;
  tillCode: string;
  tillAmount(merchant: string): string;
  payPin(amount: string, payee: string): string;
  paid(amount: string, payee: string): string;
  enterCode: string;
  requestsTitle: string;
  requestsEmpty: string;
  request(merchant: string, amount: string, description: string): string;
  cashOutRequest(agent: string, amount: string): string;
  cashOutPin(amount: string, agent: string): string;
  cashedOut(amount: string, agent: string): string;
  declined: string;
  cashOutDeclined: string;
  airtime: string;
  airtimeNumber: string;
  airtimeAmount(number: string): string;
  airtimePin(amount: string, number: string): string;
  airtimeBought(amount: string, number: string): string;
  airtimeUnavailable: string;
  account: string;
  pinCurrent: string;
  pinNew: string;
  pinRepeat: string;
  pinChanged: string;
  lockPin: string;
  locked: string;
  language: string;
  languageSet: string;
  timedOut(serviceCode: string): string;
  ended(serviceCode: string): string;
}

const EN: Texts = {
  home: 'mwallet\n1 Balance\n2 Mini statement\n3 Send money\n4 Pay merchant\n5 Payment requests\n6 Airtime\n7 My account',
  invalidChoice: 'Invalid choice.',
  more: '9 More',
  back: '0 Back 00 Home',
  enterPin: 'Enter your PIN:',
  balance: (amount) => `Your balance is ${amount}.`,
  statementTitle: 'Last transactions',
  statementEmpty: 'No transactions yet.',
  sendTo: 'Send money\nEnter the mobile number:',
  sendAmount: (number) => `Send to ${number}\nEnter the amount:`,
  sendConfirm: (q) =>
    `Send to ${q.recipient}\nAmount ${q.amount}\nFee ${q.fee}\nTotal ${q.total}\n1 Confirm\n0 Back`,
  sent: (amount, payee) => `Sent ${amount} to ${payee}.`,
  tillCode: 'Pay merchant\nEnter the till code:',
  tillAmount: (merchant) => `Pay ${merchant}\nEnter the amount:`,
  payPin: (amount, payee) => `Pay ${amount} to ${payee}\nEnter your PIN:`,
  paid: (amount, payee) => `Paid ${amount} to ${payee}.`,
  enterCode: 'We sent you an SMS code. Enter it:',
  requestsTitle: 'Payment requests',
  requestsEmpty: 'You have no payment requests.',
  request: (merchant, amount, description) =>
    `${merchant} asks ${amount}${description ? `\n${description}` : ''}\n1 Pay\n2 Decline\n0 Back`,
  cashOutRequest: (agent, amount) =>
    `Cash out ${amount} at ${agent}?\nNot there? Decline.\n1 Confirm\n2 Decline\n0 Back`,
  cashOutPin: (amount, agent) => `Cash out ${amount} at ${agent}\nEnter your PIN:`,
  cashedOut: (amount, agent) => `Cash-out confirmed: take your ${amount} in cash from ${agent}.`,
  declined: 'Request declined.',
  cashOutDeclined: 'Cash-out declined. No money moved.',
  airtime: 'Airtime\n1 My number\n2 Another number',
  airtimeNumber: 'Enter the number to top up:',
  airtimeAmount: (number) => `Airtime for ${number}\nEnter the amount:`,
  airtimePin: (amount, number) => `Buy ${amount} airtime for ${number}\nEnter your PIN:`,
  airtimeBought: (amount, number) => `Bought ${amount} airtime for ${number}.`,
  airtimeUnavailable: 'Airtime is not available now.',
  account: 'My account\n1 Change PIN\n2 Lock my wallet\n3 Language',
  pinCurrent: 'Enter your current PIN:',
  pinNew: 'Enter a new 6-digit PIN:',
  pinRepeat: 'Repeat the new PIN:',
  pinChanged: 'Your PIN is changed.',
  lockPin: 'Lock your wallet? Payments stop until you unlock it in the app.\nEnter your PIN to lock:',
  locked: 'Your wallet is locked. Unlock it in the mwallet app.',
  language: 'Language / 语言\n1 English\n2 中文',
  languageSet: 'Language set to English.',
  timedOut: (code) => `Your session timed out. Dial ${code} again.`,
  ended: (code) => `This session has ended. Dial ${code} again.`,
};

const ZH: Texts = {
  home: 'mwallet\n1 查询余额\n2 迷你账单\n3 转账\n4 商户付款\n5 付款请求\n6 话费充值\n7 我的账户',
  invalidChoice: '选择无效。',
  more: '9 更多',
  back: '0 返回 00 主菜单',
  enterPin: '请输入支付密码：',
  balance: (amount) => `您的余额为${amount}。`,
  statementTitle: '最近交易',
  statementEmpty: '暂无交易。',
  sendTo: '转账\n请输入对方手机号：',
  sendAmount: (number) => `转账给${number}\n请输入金额：`,
  sendConfirm: (q) => `转账给${q.recipient}\n金额${q.amount}\n手续费${q.fee}\n合计${q.total}\n1 确认\n0 返回`,
  sent: (amount, payee) => `已向${payee}转账${amount}。`,
  tillCode: '商户付款\n请输入收银台编号：',
  tillAmount: (merchant) => `向${merchant}付款\n请输入金额：`,
  payPin: (amount, payee) => `向${payee}付款${amount}\n请输入支付密码：`,
  paid: (amount, payee) => `已向${payee}付款${amount}。`,
  enterCode: '短信验证码已发送，请输入：',
  requestsTitle: '付款请求',
  requestsEmpty: '您没有待付款请求。',
  request: (merchant, amount, description) =>
    `${merchant}请求付款${amount}${description ? `\n${description}` : ''}\n1 付款\n2 拒绝\n0 返回`,
  cashOutRequest: (agent, amount) =>
    `在${agent}取现${amount}？\n如您不在该网点，请拒绝。\n1 确认\n2 拒绝\n0 返回`,
  cashOutPin: (amount, agent) => `在${agent}取现${amount}\n请输入支付密码：`,
  cashedOut: (amount, agent) => `取现已确认，请向${agent}领取现金${amount}。`,
  declined: '已拒绝该请求。',
  cashOutDeclined: '已拒绝取现，资金未变动。',
  airtime: '话费充值\n1 本机号码\n2 其他号码',
  airtimeNumber: '请输入充值号码：',
  airtimeAmount: (number) => `为${number}充值\n请输入金额：`,
  airtimePin: (amount, number) => `为${number}充值${amount}\n请输入支付密码：`,
  airtimeBought: (amount, number) => `已为${number}充值${amount}。`,
  airtimeUnavailable: '话费充值暂不可用。',
  account: '我的账户\n1 修改支付密码\n2 锁定钱包\n3 语言',
  pinCurrent: '请输入当前支付密码：',
  pinNew: '请输入新的6位支付密码：',
  pinRepeat: '请再次输入新密码：',
  pinChanged: '支付密码已修改。',
  lockPin: '锁定钱包？锁定后将无法付款，需在应用中解锁。\n请输入支付密码确认：',
  locked: '您的钱包已锁定，请在mwallet应用中解锁。',
  language: '语言 / Language\n1 English\n2 中文',
  languageSet: '语言已设为中文。',
  timedOut: (code) => `会话已超时，请重新拨打${code}。`,
  ended: (code) => `会话已结束，请重新拨打${code}。`,
};

const TEXTS: Record<Locale, Texts> = { en: EN, 'zh-CN': ZH };

export function textsFor(locale: Locale): Texts {
  return TEXTS[locale];
}

/** For a number without a wallet (its language is unknown): both languages. */
export const UNREGISTERED =
  '此号码未开通mwallet钱包。请下载mwallet应用，用本号码注册。\n' +
  'This number has no mwallet wallet. Get the mwallet app and register with this number.';
