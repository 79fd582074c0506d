// Staff sign-in: username, password and the authenticator app's current code, all at once (one answer if any is wrong).
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, LanguageSwitch, Notice } from '../shared/ui.js';
import { api, signIn } from './session.js';
import { useT } from './texts.js';
import type { Me } from './types.js';

export function SignIn() {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const action = useAction(async () => {
    const session = await api.post<{ token: string; staff: Me }>('/session', { username, password, totp });
    setTotp('');
    signIn(session.token, session.staff);
  });
  return (
    <main class="page">
      <LanguageSwitch />
      <h1>{t('appName')}</h1>
      <form class="card" aria-label={t('signIn')} onSubmit={submitWith(() => action.run())}>
        <h2>{t('signIn')}</h2>
        <Field
          label={t('username')}
          autoComplete="username"
          value={username}
          onValue={setUsername}
          required
        />
        <Field
          label={t('password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          required
        />
        <Field
          label={t('totp')}
          hint={t('totpHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={totp}
          onValue={setTotp}
          required
        />
        <Notice error={action.error} />
        <Button type="submit" class="button primary block" busy={action.busy}>
          {t('logIn')}
        </Button>
      </form>
    </main>
  );
}
