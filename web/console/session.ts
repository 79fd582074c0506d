// The staff session in this browser: the bearer token (sessionStorage: gone when the tab closes) and who is signed in.
import { ApiError, createApiClient } from '../shared/api.js';
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

const client = createApiClient(() => tokenStore.get());

/** The console API; an expired, idle or revoked session (401) signs the browser out. */
export const api: typeof client = {
  get: (path) => guard(client.get(`/console/v1${path}`)),
  post: (path, body, key) => guard(client.post(`/console/v1${path}`, body, key)),
  patch: (path, body) => guard(client.patch(`/console/v1${path}`, body)),
  delete: (path) => guard(client.delete(`/console/v1${path}`)),
  download: (path) => guard(client.download(`/console/v1${path}`)),
};

async function guard<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'unauthorized' && tokenStore.get()) signOut();
    throw error;
  }
}
