// The wallet's two secret inputs: a 6-digit PIN (masked) and a 6-digit SMS code (filled in from the SMS where the phone can).
import { Field } from '../shared/ui.js';

export function PinField(props: { label: string; value: string; onValue: (value: string) => void }) {
  return <Field type="password" inputMode="numeric" autoComplete="off" maxLength={6} {...props} />;
}

export function CodeField(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
}) {
  return <Field inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...props} />;
}
