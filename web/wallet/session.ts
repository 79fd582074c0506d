// The customer's session in this browser: the bearer token, this device's id and the phone, kept in localStorage.
import { createSessionApiClient } from '../shared/api.js';
import { createStore } from '../shared/store.js';

const TOKEN_KEY = 'mwallet.wallet.token';
const DEVICE_KEY = 'mwallet.wallet.device';
const PHONE_KEY = 'mwallet.wallet.phone';

export const tokenStore = createStore<string | undefined>(localStorage.getItem(TOKEN_KEY) ?? undefined);

export function signIn(token: string, phone: string): void {
  localStorage.setItem(TOKEN_KEY, token);
  localStorage.setItem(PHONE_KEY, phone);
  tokenStore.set(token);
}

export function signOut(): void {
  localStorage.removeItem(TOKEN_KEY);
  tokenStore.set(undefined);
}

export function rememberedPhone(): string {
  return localStorage.getItem(PHONE_KEY) ?? '';
}

/** This browser as a device of the wallet: a random id made once, and a readable name. */
export function thisDevice(): { id: string; name: string } {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  const platform = /Android/i.test(navigator.userAgent)
    ? 'Android'
    : /iPhone|iPad/i.test(navigator.userAgent)
      ? 'iOS'
      : 'Web';
  return { id, name: `${platform} browser` };
}

/** The app API (paths as in /openapi.json); an expired or revoked session signs the browser out. */
export const api = createSessionApiClient({
  prefix: '',
  getToken: () => tokenStore.get(),
  onSignedOut: signOut,
});
