// The HTTP problems of the operator console API (part of the one map in api-problems.ts).

export const CONSOLE_PROBLEMS = {
  invalid_staff_credentials: {
    status: 401,
    en: 'Wrong username, password or authenticator code, or the account is locked or disabled.',
    zh: '用户名、密码或动态验证码错误，或账户已锁定或停用。',
  },
  staff_password_incorrect: {
    status: 403,
    en: 'The current password is not correct.',
    zh: '当前密码不正确。',
  },
  staff_password_weak: {
    status: 422,
    en: 'Choose a new password of at least 12 characters, other than the username and the current password.',
    zh: '新密码至少12个字符，且不能与用户名或当前密码相同。',
  },
  password_change_required: {
    status: 403,
    en: 'Choose your own password first: the initial one may only be used to replace it.',
    zh: '请先设置您自己的密码：初始密码只能用于修改密码。',
  },
  forbidden: {
    status: 403,
    en: 'Your role does not allow this.',
    zh: '您的角色无权执行此操作。',
  },
  invalid_note: {
    status: 422,
    en: 'Write a note of 1–1000 characters.',
    zh: '请填写1至1000字的备注。',
  },
  id_not_on_file: {
    status: 409,
    en: 'This wallet has no identity document on file: the customer resets the PIN with an SMS code alone.',
    zh: '该钱包未登记证件：客户可仅凭短信验证码重置支付密码。',
  },
  id_checks_exceeded: {
    status: 429,
    en: 'Too many wrong ID numbers for this customer in the last hour: try again later, or verify them at a branch.',
    zh: '过去一小时内该客户的证件号码输错次数过多：请稍后再试，或请客户到网点核实身份。',
  },
  kyc_not_found: { status: 404, en: 'No such KYC application.', zh: '实名认证申请不存在。' },
  kyc_already_decided: {
    status: 409,
    en: 'This application was already decided.',
    zh: '该申请已审核。',
  },
  reversal_request_not_found: { status: 404, en: 'No such reversal request.', zh: '冲正申请不存在。' },
  reversal_already_requested: {
    status: 409,
    en: 'A reversal of this payment is already waiting for approval.',
    zh: '该交易已有待审批的冲正申请。',
  },
  reversal_already_decided: {
    status: 409,
    en: 'This reversal request was already decided.',
    zh: '该冲正申请已审批。',
  },
  staff_not_found: { status: 404, en: 'No such staff account.', zh: '员工账户不存在。' },
  staff_disabled: {
    status: 409,
    en: 'This staff account is disabled: it gets no new password.',
    zh: '该员工账户已停用，不能设置新密码。',
  },
  staff_self: {
    status: 409,
    en: 'Not on your own account: change your password under your name, and ask another administrator to disable you.',
    zh: '不能对自己的账户执行此操作：请在个人设置中修改密码；停用本人账户须由其他管理员操作。',
  },
  maker_cannot_approve: {
    status: 403,
    en: 'You asked for this reversal: a different staff member must approve it.',
    zh: '您是该冲正的申请人，须由其他员工审批。',
  },
} as const;
