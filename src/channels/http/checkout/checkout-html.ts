// The hosted checkout pages as HTML: mobile-first, no scripts or external assets, every interpolated text escaped.
import type { Checkout } from '../../../domain/checkout/checkout-order.js';
import type { CheckoutStep } from '../../../domain/checkout/checkout-pay.js';
import { formatAmountForDisplay } from '../../../money/index.js';
import { CHECKOUT_MESSAGES, type CheckoutCode, messageText, type PageLocale } from './checkout-messages.js';
import { OTHER_LOCALE, PAGE_TEXTS } from './checkout-texts.js';

/** A message shown on a page. */
export interface Notice {
  code: CheckoutCode;
  attemptsRemaining?: number | undefined;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const CSS =
  '*{box-sizing:border-box}body{margin:0;background:#f4f5f7;color:#1b1d21;' +
  'font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}' +
  'main{max-width:28rem;margin:0 auto;padding:1rem}h1{font-size:1.25rem;margin:0 0 .5rem}' +
  '.card{background:#fff;border-radius:12px;padding:1.25rem;margin-bottom:1rem;box-shadow:0 1px 3px #0002}' +
  '.merchant{margin:0;font-weight:600}.amount{margin:.25rem 0;font-size:2rem;font-weight:700}' +
  '.muted{margin:0;color:#5f6670;font-size:.875rem;overflow-wrap:anywhere}' +
  'label{display:block;margin:.75rem 0 .25rem;font-size:.875rem}' +
  'input{width:100%;padding:.75rem;font-size:1.125rem;border:1px solid #c4c8cf;border-radius:8px}' +
  'button,.button{display:block;width:100%;margin-top:1.25rem;padding:.875rem;border:0;border-radius:8px;' +
  'background:#1a73e8;color:#fff;font-size:1.125rem;font-weight:600;text-align:center;text-decoration:none}' +
  '.msg{padding:.75rem;border-radius:8px;background:#fdecea;color:#8a1c14}' +
  '.msg.info{background:#e8f0fe;color:#174ea6}.lang{text-align:center}';

function layout(locale: PageLocale, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`
  );
}

const pagePath = (checkout: Checkout) => `/checkout/${encodeURIComponent(checkout.order.id)}`;

function amountOf(checkout: Checkout, locale: PageLocale): string {
  const { amount, currency } = checkout.order;
  return formatAmountForDisplay({ value: amount, currency }, locale);
}

/** Who is paid, how much and for what. */
function summary(checkout: Checkout, locale: PageLocale): string {
  const { order, merchant } = checkout;
  return (
    `<section class="card"><p class="merchant">${escapeHtml(merchant.name)}</p>` +
    `<p class="amount">${escapeHtml(amountOf(checkout, locale))}</p>` +
    `<p>${escapeHtml(order.description)}</p>` +
    `<p class="muted">${escapeHtml(PAGE_TEXTS[locale].order)}: ${escapeHtml(order.reference)}</p></section>`
  );
}

function noticeHtml(notice: Notice | undefined, locale: PageLocale): string {
  if (!notice) return '';
  const kind = CHECKOUT_MESSAGES[notice.code].status < 400 ? 'msg info' : 'msg';
  const text = messageText(notice.code, locale, notice.attemptsRemaining);
  return `<p class="${kind}" role="alert">${escapeHtml(text)}</p>`;
}

function languageLink(checkout: Checkout, locale: PageLocale): string {
  const other = OTHER_LOCALE[locale];
  const href = `${pagePath(checkout)}?lang=${other}`;
  return `<p class="lang"><a href="${escapeHtml(href)}" hreflang="${other}" lang="${other}">${escapeHtml(PAGE_TEXTS[locale].otherLanguage)}</a></p>`;
}

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

function input(label: string, attributes: string): string {
  return `<label>${escapeHtml(label)}<input ${attributes} required></label>`;
}

/** The payment form: phone and PIN, or (SMS step) the code and the PIN again. */
export function formPage(page: {
  locale: PageLocale;
  checkout: Checkout;
  step: CheckoutStep;
  phone: string;
  attempt: string;
  notice?: Notice | undefined;
}): string {
  const { locale, checkout, step } = page;
  const texts = PAGE_TEXTS[locale];
  const pin = input(
    texts.pin,
    'name="pin" type="password" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off"',
  );
  const fields =
    step.kind === 'pin'
      ? input(
          texts.phone,
          `name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="32" value="${escapeHtml(page.phone)}"`,
        ) + pin
      : hidden('phone', page.phone) +
        hidden('challengeId', step.challengeId) +
        input(
          texts.smsCode,
          'name="smsCode" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" autofocus',
        ) +
        pin;
  const action = `${pagePath(checkout)}/pay?lang=${locale}`;
  const form =
    `<form class="card" method="post" action="${escapeHtml(action)}">${hidden('attempt', page.attempt)}${fields}` +
    `<button type="submit">${escapeHtml(`${texts.pay} ${amountOf(checkout, locale)}`)}</button></form>`;
  return layout(
    locale,
    `${texts.title} · ${checkout.merchant.name}`,
    summary(checkout, locale) + noticeHtml(page.notice, locale) + form + languageLink(checkout, locale),
  );
}

/** The order is paid: a way back to the merchant (the signed return URL). */
export function paidPage(page: {
  locale: PageLocale;
  checkout: Checkout;
  returnUrl: string | undefined;
  notice?: Notice | undefined;
}): string {
  const { locale, checkout, returnUrl } = page;
  const texts = PAGE_TEXTS[locale];
  const back =
    returnUrl === undefined
      ? ''
      : `<a class="button" href="${escapeHtml(returnUrl)}">${escapeHtml(texts.back)}</a>`;
  return layout(
    locale,
    `${texts.paidTitle} · ${checkout.merchant.name}`,
    `${summary(checkout, locale)}${noticeHtml(page.notice, locale)}<section class="card">` +
      `<h1>${escapeHtml(texts.paidTitle)}</h1><p>${escapeHtml(texts.paidBody)}</p>${back}</section>` +
      languageLink(checkout, locale),
  );
}

/** A page that only says something: an expired, cancelled or unknown order, a bad request. */
export function noticePage(page: {
  locale: PageLocale;
  notice: Notice;
  checkout?: Checkout | undefined;
}): string {
  const { locale, checkout } = page;
  const texts = PAGE_TEXTS[locale];
  const body =
    (checkout ? summary(checkout, locale) : '') +
    `<section class="card"><h1>${escapeHtml(texts.closedTitle)}</h1>${noticeHtml(page.notice, locale)}</section>` +
    (checkout ? languageLink(checkout, locale) : '');
  return layout(locale, texts.closedTitle, body);
}
