// Changing one's own password (the initial one was shown once): the current one, then the new one.
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';

/** `onChanged` runs after the new password is set (e.g. to leave the first-login screen). */
export function ChangePassword(props: { onChanged?: () => void }) {
  const t = useT();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async () => {
    setDone(false);
    await api.post('/me/password', { currentPassword, newPassword });
    setCurrent('');
    setNew('');
    setDone(true);
    props.onChanged?.();
  });
  return (
    <form class="card" aria-label={t('changePassword')} onSubmit={submitWith(() => action.run())}>
      <h2>{t('changePassword')}</h2>
      <Field
        label={t('currentPassword')}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onValue={setCurrent}
        required
      />
      <Field
        label={t('newPassword')}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onValue={setNew}
        required
      />
      <Notice error={action.error} {...(done ? { success: t('passwordChanged') } : {})} />
      <Button type="submit" kind="secondary" busy={action.busy}>
        {t('changePassword')}
      </Button>
    </form>
  );
}

/** The first sign-in with a generated password: nothing else until a new one is chosen. */
export function FirstPassword(props: { onChanged: () => void }) {
  const t = useT();
  return (
    <main class="page">
      <h1>{t('choosePassword')}</h1>
      <p>{t('choosePasswordWhy')}</p>
      <ChangePassword onChanged={props.onChanged} />
    </main>
  );
}
