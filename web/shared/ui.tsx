// Shared building blocks of the three apps: page frame, labelled fields, buttons, notices, amounts, the language switch.
import type { ButtonHTMLAttributes, ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';
import { ApiError } from './api.js';
import { formatMoney } from './format.js';
import { LOCALES, type Locale, setLocale, useLocale } from './i18n.js';

const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch() {
  const current = useLocale();
  return (
    <fieldset class="language">
      <legend class="visually-hidden">Language / 语言</legend>
      {LOCALES.map((locale) => (
        <button
          type="button"
          key={locale}
          class={locale === current ? 'chip active' : 'chip'}
          aria-pressed={locale === current}
          lang={locale}
          onClick={() => setLocale(locale)}
        >
          {LANGUAGE_NAMES[locale]}
        </button>
      ))}
    </fieldset>
  );
}

export function Page(props: {
  title: string;
  back?: () => void;
  backLabel?: string;
  children: ComponentChildren;
}) {
  return (
    <main class="page">
      <header class="page-header">
        {props.back && (
          <button type="button" class="back" onClick={props.back} aria-label={props.backLabel ?? 'Back'}>
            ‹
          </button>
        )}
        <h1>{props.title}</h1>
      </header>
      {props.children}
    </main>
  );
}

/** The input attributes the apps set on a field. */
type InputProps = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'autoComplete' | 'disabled' | 'inputMode' | 'maxLength' | 'placeholder' | 'required'
> & { type?: 'text' | 'tel' | 'password' | 'month' | 'date' | 'search' | 'url' | 'email' | 'number' };

/** A text input with its visible label (and an optional hint), bound to a string value. */
export function Field(
  props: { label: string; value: string; onValue: (value: string) => void; hint?: string } & InputProps,
) {
  const id = useId();
  const { label, value, onValue, hint, ...input } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(event) => onValue(event.currentTarget.value)}
        {...(input as InputHTMLAttributes<HTMLInputElement>)}
      />
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function Select(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: [value: string, label: string][];
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onValue(event.currentTarget.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Button(
  props: {
    busy?: boolean;
    kind?: 'primary' | 'secondary' | 'danger';
  } & ButtonHTMLAttributes<HTMLButtonElement>,
) {
  const { busy, kind = 'primary', children, ...button } = props;
  return (
    <button type="button" class={`button ${kind}`} disabled={busy} aria-busy={busy} {...button}>
      {children}
    </button>
  );
}

/** An error (role=alert, read out by screen readers) or a success notice. */
export function Notice(props: { error?: unknown; success?: string }) {
  if (props.success) return <p class="notice success">{props.success}</p>;
  if (props.error === undefined || props.error === null) return null;
  const text =
    props.error instanceof ApiError || props.error instanceof Error
      ? props.error.message
      : String(props.error);
  return (
    <p class="notice error" role="alert">
      {text}
    </p>
  );
}

export function Money(props: { amount: string; currency: string; signed?: boolean }) {
  const positive = props.signed && !props.amount.startsWith('-') && props.amount !== '0.00';
  return (
    <span class={`money${props.signed ? (positive ? ' in' : ' out') : ''}`}>
      {positive ? '+' : ''}
      {formatMoney(props.amount, props.currency)}
    </span>
  );
}
