// The labels of the hosted checkout pages in Chinese and English.
import type { PageLocale } from './checkout-messages.js';

export interface PageTexts {
  title: string;
  order: string;
  phone: string;
  pin: string;
  smsCode: string;
  pay: string;
  paidTitle: string;
  paidBody: string;
  back: string;
  closedTitle: string;
  /** The link to the other language, written in that language. */
  otherLanguage: string;
}

export const PAGE_TEXTS: Readonly<Record<PageLocale, PageTexts>> = {
  'zh-CN': {
    title: '收银台',
    order: '订单号',
    phone: '手机号',
    pin: '支付密码（6位数字）',
    smsCode: '短信验证码',
    pay: '确认支付',
    paidTitle: '支付成功',
    paidBody: '您已完成付款。',
    back: '返回商户',
    closedTitle: '无法支付',
    otherLanguage: 'English',
  },
  en: {
    title: 'Checkout',
    order: 'Order',
    phone: 'Mobile number',
    pin: 'PIN (6 digits)',
    smsCode: 'SMS code',
    pay: 'Pay',
    paidTitle: 'Payment complete',
    paidBody: 'You have paid.',
    back: 'Back to the merchant',
    closedTitle: 'Cannot pay',
    otherLanguage: '中文',
  },
};

export const OTHER_LOCALE: Readonly<Record<PageLocale, PageLocale>> = { 'zh-CN': 'en', en: 'zh-CN' };
