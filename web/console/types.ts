// The console API's answers the console reads (the subset of /openapi.json's schemas it uses).
export type Permission =
  | 'customers.search'
  | 'customers.view'
  | 'customers.lock'
  | 'customers.unlock'
  | 'customers.notes'
  | 'customers.pin_reset'
  | 'kyc.review'
  | 'merchants.review'
  | 'reversals.request'
  | 'reversals.approve'
  | 'dashboard.view'
  | 'audit.view'
  | 'staff.list'
  | 'staff.manage';

export interface Me {
  username: string;
  displayName: string;
  roles: string[];
  permissions: Permission[];
  /** A generated initial password is in use: the console asks for a new one before anything else. */
  passwordChangeRequired: boolean;
}

export interface CustomerSummary {
  id: string;
  phone: string;
  name: string | null;
  status: string;
  tier: string;
  locked: boolean;
  createdAt: string;
}

export interface Overview {
  customer: CustomerSummary & { idType: string | null; idNumberLast4: string | null };
  kyc: { status: string; requestedTier: string } | null;
  balance: string;
  currency: string;
  devices: { id: string; name: string; lastSeenAt: string }[];
  lock: { locked: boolean; lockedAt: string | null; reason: string | null };
  pin: { failures: number; lockedAt: string | null; resetAllowedUntil: string | null };
  history: { id: string; at: string; description: string; amount: string; currency: string }[];
  merchantPayments: {
    id: string;
    merchant: { name: string };
    amount: string;
    currency: string;
    status: string;
    createdAt: string;
  }[];
  notes: { id: string; author: string; body: string; createdAt: string }[];
}

export interface KycApplication {
  id: string;
  customerId: string;
  requestedTier: string;
  name: string;
  idType: string;
  idNumberLast4: string;
  submittedAt: string;
}

export interface Merchant {
  id: string;
  name: string;
  mcc: string;
  licenceNumber: string;
  city: string;
  status: 'pending' | 'active' | 'suspended' | 'closed';
}

export interface ReversalRequest {
  id: string;
  paymentId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected' | 'completed' | 'failed';
  decidedBy: string | null;
  failure: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

export interface Dashboard {
  since: string;
  payments: {
    count: number;
    volume: string;
    currency: string;
    reversed: { count: number; volume: string };
    failed: number;
    successRate: number | null;
  };
  outbox: { sms: number; webhooks: number };
  http: { minutes: number; requests: number; serverErrors: number; errorRate: number | null };
}
