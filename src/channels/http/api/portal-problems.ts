// The HTTP problems of the merchant portal: sessions, roles and the team (part of the one map in api-problems.ts).

export const PORTAL_PROBLEMS = {
  session_invalid: {
    status: 401,
    en: 'Log in to the merchant portal again: the session is missing, expired, idle too long or ended.',
    zh: '请重新登录商户后台：会话不存在、已过期、闲置过久或已结束。',
  },
  merchant_login_refused: {
    status: 403,
    en: 'This number cannot log in to that merchant (not a user, removed, or the merchant is not active).',
    zh: '该号码无法登录此商户（非该商户用户、已被移除或商户未启用）。',
  },
  role_forbidden: {
    status: 403,
    en: 'Your role does not allow this; ask an owner of the merchant.',
    zh: '您的角色无权执行此操作，请联系商户负责人。',
  },
  merchant_user_not_found: { status: 404, en: 'No such user of this merchant.', zh: '该商户用户不存在。' },
  last_owner: {
    status: 409,
    en: 'A merchant keeps at least one owner: add another owner first.',
    zh: '商户至少需保留一名负责人，请先添加另一名负责人。',
  },
  invalid_bank_account: {
    status: 422,
    en: 'The bank account details are not valid.',
    zh: '银行账户信息无效。',
  },
  credential_not_found: { status: 404, en: 'No such API key.', zh: 'API密钥不存在。' },
} as const;
