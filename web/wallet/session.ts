// The customer's session in this browser: the bearer token, this device's id and the phone, kept in localStorage.
import { ApiError, createApiClient } from '../shared/api.js';
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

const client = createApiClient(() => tokenStore.get());

/** The app API; an expired or revoked session (401) signs the browser out. */
export const api: typeof client = {
  get: (path) => guard(client.get(path)),
  post: (path, body, key) => guard(client.post(path, body, key)),
  patch: (path, body) => guard(client.patch(path, body)),
  delete: (path) => guard(client.delete(path)),
  download: (path) => guard(client.download(path)),
};

async function guard<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'unauthorized' && tokenStore.get()) signOut();
    throw error;
  }
}
