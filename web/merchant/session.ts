// The portal session in this browser: the bearer token in localStorage, the API client, and who is logged in.
import { createSessionApiClient } from '../shared/api.js';
import { useLoad } from '../shared/hooks.js';
import { createStore } from '../shared/store.js';
import type { Me, Role } from './types.js';

const TOKEN_KEY = 'mwallet.merchant.token';

export const tokenStore = createStore<string | undefined>(localStorage.getItem(TOKEN_KEY) ?? undefined);

export function signIn(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
  tokenStore.set(token);
}

export function signOut(): void {
  localStorage.removeItem(TOKEN_KEY);
  tokenStore.set(undefined);
}

/** The merchant API; a session that ended signs the browser out. */
export const api = createSessionApiClient({
  prefix: '',
  getToken: () => tokenStore.get(),
  onSignedOut: signOut,
  sessionEndedCodes: ['session_invalid'],
});

/** Paths of the merchant API. */
export const path = (relative: string) => `/merchant/v1${relative}`;

const RANK: Record<Role, number> = { cashier: 0, manager: 1, owner: 2 };

/** Whether a role may do what needs `least` (the server checks too; this only hides what would be refused). */
export const allows = (role: Role | undefined, least: Role) =>
  role !== undefined && RANK[role] >= RANK[least];

/** Who is logged in (GET /me). */
export function useMe() {
  return useLoad(() => api.get<Me>(path('/me')), []);
}
