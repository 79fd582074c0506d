// The merchant API's answers the portal reads (as documented in /openapi.json).
export type Role = 'owner' | 'manager' | 'cashier';

export interface Me {
  id: string;
  name: string;
  status: string;
  webhookUrl: string | null;
  settlementAccount: { bank: string; holder: string; last4: string };
  user?: { id: string; name: string; phone: string; role: Role; store: { id: string; name: string } | null };
}

export interface Membership {
  merchantId: string;
  merchantName: string;
  role: Role;
}

export interface SalesPoint {
  start: string;
  payments: number;
  amount: string;
}

export interface PeriodSales {
  payments: number;
  amount: string;
  refunds: string;
  refundCount: number;
  successRate: number | null;
}

export interface Dashboard {
  currency: string;
  timeZone: string;
  date: string;
  today: PeriodSales;
  month: PeriodSales;
  hours: SalesPoint[];
  days: SalesPoint[];
}

export interface Payment {
  id: string;
  status: string;
  channel: string;
  tillId: string | null;
  reference: string;
  description: string;
  amount: string;
  fee: string;
  net: string;
  refunded: string;
  currency: string;
  customer: { phone: string };
  createdAt: string;
}

export interface PaymentPage {
  payments: Payment[];
  next: string | null;
}

export interface Store {
  id: string;
  name: string;
  city: string;
  tills: { id: string; name: string; code: string }[];
}

export interface Order {
  id: string;
  kind: string;
  reference: string;
  amount: string;
  currency: string;
  description: string;
  status: string;
  createdAt: string;
  expiresAt: string;
}

export interface Credential {
  keyId: string;
  createdAt: string;
  expiresAt: string | null;
  status: 'current' | 'expiring' | 'expired';
}

export interface WebhookEvent {
  id: string;
  type: string;
  createdAt: string;
  attempts: number;
  status: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
}

export interface TeamMember {
  id: string;
  phone: string;
  name: string;
  role: Role;
  storeId: string | null;
}

export interface Settlement {
  currency: string;
  balance: string;
  bankName: string;
  accountHolder: string;
  accountNumberMasked: string;
}
