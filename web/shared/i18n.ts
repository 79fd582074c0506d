// The two languages of every screen (zh-CN and en): the chosen one is remembered, texts come from per-app dictionaries.
import { createStore, useStore } from './store.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** One text in both languages; a function when the text takes values. */
export type Text = { 'zh-CN': string; en: string };
export type Dictionary = Record<string, Text>;

const STORAGE_KEY = 'mwallet.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const localeStore = createStore<Locale>(initialLocale());

export function setLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  localeStore.set(locale);
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** A translate function for the current language: `t('key', { amount })`. */
export function useTexts<D extends Dictionary>(dictionary: D) {
  const locale = useStore(localeStore);
  return (key: keyof D & string, values?: Record<string, string | number>): string => {
    const text = dictionary[key];
    return text ? fill(text[locale], values) : key;
  };
}

export function useLocale(): Locale {
  return useStore(localeStore);
}
