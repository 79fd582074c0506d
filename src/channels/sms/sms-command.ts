// Reads an SMS into a command: Chinese and English keywords, any case, full-width digits and spaces tolerated.

/** What a customer's SMS asks for. `usage`: a known keyword without the arguments it needs. */
export type SmsCommand =
  | { kind: 'balance' }
  | { kind: 'mini' }
  | { kind: 'send'; to: string; amount: string }
  | { kind: 'pay'; code: string; amount: string }
  | { kind: 'confirm'; code: string }
  | { kind: 'help' }
  | { kind: 'usage'; of: 'send' | 'pay' | 'confirm' }
  | { kind: 'unknown' };

type Keyword = 'balance' | 'mini' | 'send' | 'pay' | 'confirm' | 'help';

const KEYWORDS: ReadonlyMap<string, Keyword> = new Map([
  ['BAL', 'balance'],
  ['BALANCE', 'balance'],
  ['余额', 'balance'],
  ['MINI', 'mini'],
  ['明细', 'mini'],
  ['SEND', 'send'],
  ['转账', 'send'],
  ['PAY', 'pay'],
  ['付款', 'pay'],
  ['YES', 'confirm'],
  ['确认', 'confirm'],
  ['是', 'confirm'],
  ['HELP', 'help'],
  ['帮助', 'help'],
  ['?', 'help'],
]);

/** Chinese keywords may be followed directly by their arguments (`转账13800000000 50`); longest first. */
const CJK_KEYWORDS = [...KEYWORDS.keys()]
  .filter((word) => /\p{Script=Han}/u.test(word))
  .sort((a, b) => b.length - a.length);

const CONFIRMATION_CODE = /^\d{6}$/;

/** An amount as typed: an optional currency sign before or 元 after is dropped. */
function amountOf(token: string): string {
  return token.replace(/^[¥$]/, '').replace(/(元|RMB|CNY)$/i, '');
}

/** Splits off the keyword: the first word, or a Chinese keyword the text starts with. */
function keywordOf(text: string): { keyword: Keyword; args: string[] } | undefined {
  const [first = '', ...rest] = text.split(' ');
  const exact = KEYWORDS.get(first.toUpperCase());
  if (exact) return { keyword: exact, args: rest };
  const prefix = CJK_KEYWORDS.find((word) => text.startsWith(word));
  if (prefix === undefined) return undefined;
  const keyword = KEYWORDS.get(prefix);
  const args = text.slice(prefix.length).trim();
  return keyword && { keyword, args: args === '' ? [] : args.split(' ') };
}

export function parseSmsCommand(raw: string): SmsCommand {
  // NFKC turns full-width letters, digits, spaces and ￥ into their plain forms.
  const text = raw.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  const found = keywordOf(text);
  if (!found) return { kind: 'unknown' };
  const { keyword, args } = found;
  switch (keyword) {
    case 'balance':
    case 'mini':
    case 'help':
      return { kind: keyword };
    case 'send':
    case 'pay': {
      const amount = args.at(-1);
      if (args.length < 2 || amount === undefined) return { kind: 'usage', of: keyword };
      const target = args.slice(0, -1);
      return keyword === 'send'
        ? { kind: 'send', to: target.join(' '), amount: amountOf(amount) }
        : { kind: 'pay', code: target.join(''), amount: amountOf(amount) };
    }
    case 'confirm': {
      const code = args.join('');
      return CONFIRMATION_CODE.test(code) ? { kind: 'confirm', code } : { kind: 'usage', of: 'confirm' };
    }
  }
}
