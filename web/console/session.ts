// The staff session in this browser: the bearer token (sessionStorage: gone when the tab closes) and who is signed in.
import { createSessionApiClient } from '../shared/api.js';
import { createStore } from '../shared/store.js';
import type { Me } from './types.js';

const TOKEN_KEY = 'mwallet.console.token';

export const tokenStore = createStore<string | undefined>(sessionStorage.getItem(TOKEN_KEY) ?? undefined);
export const meStore = createStore<Me | undefined>(undefined);

export function signIn(token: string, me: Me): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  meStore.set(me);
  tokenStore.set(token);
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  meStore.set(undefined);
  tokenStore.set(undefined);
}

/** The console API; an expired, idle or revoked session signs the browser out. */
export const api = createSessionApiClient({
  prefix: '/console/v1',
  getToken: () => tokenStore.get(),
  onSignedOut: signOut,
});
