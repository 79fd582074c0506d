// Hash routing (`#/pay`): the current screen's path as a store, so links and the back button work without a server round trip.
import { createStore, useStore } from './store.js';

const currentPath = () => window.location.hash.replace(/^#/, '') || '/';

const routeStore = createStore(currentPath());
window.addEventListener('hashchange', () => routeStore.set(currentPath()));

export function navigate(path: string): void {
  window.location.hash = path;
}

/** The path without its query, and the query's parameters. */
export function useRoute(): { path: string; params: URLSearchParams } {
  const full = useStore(routeStore);
  const [path = '/', query = ''] = full.split('?');
  return { path, params: new URLSearchParams(query) };
}
