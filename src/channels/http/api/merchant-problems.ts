// The HTTP problems of merchant payments and the merchant API (part of the one map in api-problems.ts).

export const MERCHANT_PROBLEMS = {
  signature_missing: {
    status: 401,
    en: 'Sign the request: Authorization: MWALLET-HMAC-SHA256 keyId=…,timestamp=…,nonce=…,signature=…',
    zh: '请对请求签名（Authorization: MWALLET-HMAC-SHA256 …）。',
  },
  signature_invalid: {
    status: 401,
    en: 'The signature, key id or header format is not valid.',
    zh: '签名、密钥ID或请求头格式无效。',
  },
  timestamp_skew: {
    status: 401,
    en: 'The request timestamp is more than 5 minutes from the server clock.',
    zh: '请求时间戳与服务器时间相差超过5分钟。',
  },
  nonce_replayed: {
    status: 401,
    en: 'This nonce was already used: a replayed request.',
    zh: '该随机数已使用（重放请求）。',
  },
  merchant_closed: { status: 403, en: 'This merchant is closed.', zh: '该商户已注销。' },
  credential_rotated: {
    status: 403,
    en: 'This key was rotated out: sign with the current key to issue new ones.',
    zh: '该密钥已被轮换，请使用当前密钥签名以签发新密钥。',
  },
  merchant_unavailable: {
    status: 422,
    en: 'This merchant cannot take payments now.',
    zh: '该商户暂时无法收款。',
  },
  agent_unavailable: {
    status: 422,
    en: 'This agent cannot pay out cash now.',
    zh: '该代理网点暂时无法办理取现。',
  },
  balance_cap_exceeded: {
    status: 422,
    en: 'This would take the wallet over its balance limit.',
    zh: '超出钱包余额上限。',
  },
  merchant_not_found: { status: 404, en: 'No such merchant.', zh: '商户不存在。' },
  invalid_merchant: { status: 422, en: 'The merchant details are not valid.', zh: '商户信息无效。' },
  licence_taken: {
    status: 409,
    en: 'A merchant with this licence number exists.',
    zh: '该营业执照号已注册商户。',
  },
  merchant_state: {
    status: 409,
    en: 'The merchant is not in a state that allows this.',
    zh: '商户当前状态不允许此操作。',
  },
  merchant_balance_not_zero: {
    status: 409,
    en: 'The merchant still holds money; settle it first.',
    zh: '商户账户仍有余额，请先结算。',
  },
  invalid_outlet: {
    status: 422,
    en: 'The store, till or user details are not valid.',
    zh: '门店、收银台或用户信息无效。',
  },
  store_not_found: { status: 404, en: 'No such store.', zh: '门店不存在。' },
  till_not_found: { status: 404, en: 'No such till.', zh: '收银台不存在。' },
  till_code_taken: { status: 409, en: 'Another till already has this code.', zh: '该收银台编号已被使用。' },
  merchant_user_exists: {
    status: 409,
    en: 'This person is already a user of the merchant.',
    zh: '该用户已存在。',
  },
  invalid_order: { status: 422, en: 'The order is not valid.', zh: '订单信息无效。' },
  order_reference_taken: {
    status: 409,
    en: 'This order reference was already used for a different order.',
    zh: '该订单号已用于另一个不同的订单。',
  },
  order_not_found: { status: 404, en: 'No such order.', zh: '订单不存在。' },
  order_paid: { status: 409, en: 'This order is already paid.', zh: '该订单已支付。' },
  order_expired: { status: 410, en: 'This order has expired.', zh: '该订单已过期。' },
  order_closed: { status: 409, en: 'This order was declined or cancelled.', zh: '该订单已拒绝或取消。' },
  request_not_found: { status: 404, en: 'No such payment request.', zh: '付款请求不存在。' },
  webhook_url_invalid: {
    status: 422,
    en: 'The webhook URL is not valid (an https URL without credentials).',
    zh: '回调地址无效（需为不含凭据的https地址）。',
  },
  webhook_url_private: {
    status: 422,
    en: 'The webhook URL points at a private or loopback address.',
    zh: '回调地址指向内网或本机地址。',
  },
  webhook_event_not_found: { status: 404, en: 'No such webhook event.', zh: '回调事件不存在。' },
  qr_malformed: { status: 422, en: 'This is not a valid payment QR code.', zh: '无效的付款二维码。' },
  qr_checksum: {
    status: 422,
    en: 'The QR code is damaged (checksum mismatch); scan it again.',
    zh: '二维码已损坏（校验失败），请重新扫描。',
  },
  qr_not_supported: {
    status: 422,
    en: 'This QR code is not an mwallet merchant code.',
    zh: '不支持该二维码。',
  },
  qr_tampered: {
    status: 422,
    en: 'This QR code does not match the merchant’s records; do not pay with it.',
    zh: '二维码与商户信息不符，请勿付款。',
  },
  amount_required: { status: 422, en: 'Enter the amount to pay.', zh: '请输入付款金额。' },
  amount_not_allowed: {
    status: 422,
    en: 'This QR code fixes the amount; do not send one.',
    zh: '该二维码已指定金额。',
  },
  payment_code_invalid: {
    status: 422,
    en: 'The payment code is wrong, used or expired; ask the customer to refresh it.',
    zh: '付款码无效、已使用或已过期，请让顾客刷新。',
  },
  confirmation_required: {
    status: 403,
    en: 'The customer must confirm this payment in the app.',
    zh: '此笔付款需顾客在手机上确认。',
  },
  payment_not_refundable: {
    status: 409,
    en: 'Only a completed payment can be refunded or reversed (and a reversal only before any refund).',
    zh: '仅已完成的交易可退款或冲正（冲正须在退款前）。',
  },
  refund_exceeds_payment: {
    status: 422,
    en: 'Refunds would exceed the amount paid.',
    zh: '退款总额超过原支付金额。',
  },
  invalid_reason: { status: 422, en: 'Give a reason of 1–200 characters.', zh: '请填写1至200字的原因。' },
  reversal_window_passed: {
    status: 409,
    en: 'The payment is too old to reverse; refund it instead.',
    zh: '该交易已超过冲正期限，请改用退款。',
  },
  account_closed: {
    status: 409,
    en: "The customer's wallet or the merchant's account is closed: settle this refund another way.",
    zh: '顾客钱包或商户账户已关闭，请通过其他方式退款。',
  },
  merchant_insufficient_funds: {
    status: 422,
    en: 'The merchant balance is too low for this refund.',
    zh: '商户余额不足，无法退款。',
  },
} as const;
