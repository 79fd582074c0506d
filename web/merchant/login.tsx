// Login: phone → SMS code → (a user of several merchants picks one) → the portal.
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { navigate } from '../shared/router.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, LanguageSwitch, Notice } from '../shared/ui.js';
import { api, path, signIn } from './session.js';
import { useT } from './texts.js';
import type { Membership } from './types.js';

type LoginReply = { token: string } | { choose: Membership[] };

export function Login() {
  const t = useT();
  const locale = useLocale();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [choices, setChoices] = useState<Membership[] | undefined>(undefined);
  const logIn = async (merchantId?: string) => {
    const reply = await api.post<LoginReply>(path('/session'), {
      phone,
      code,
      ...(merchantId ? { merchantId } : {}),
    });
    if ('choose' in reply) return setChoices(reply.choose);
    navigate('/');
    signIn(reply.token);
  };
  const action = useAction(async (merchantId?: string) => {
    if (!sent) {
      await api.post(path('/session/code'), { phone, locale });
      return setSent(true);
    }
    await logIn(merchantId);
  });
  return (
    <main class="page">
      <LanguageSwitch />
      <section class="card hero">
        <h1>{t('appName')}</h1>
        <p class="muted">{t('tagline')}</p>
      </section>
      <form class="card" onSubmit={submitWith(() => action.run())}>
        <Field
          label={t('phone')}
          type="tel"
          autoComplete="tel"
          value={phone}
          onValue={setPhone}
          disabled={sent}
        />
        {sent && (
          <Field
            label={t('smsCode')}
            hint={t('smsSent')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onValue={setCode}
            disabled={choices !== undefined}
          />
        )}
        <Notice error={action.error} />
        {choices ? (
          <fieldset class="language">
            <legend>{t('chooseMerchant')}</legend>
            <div class="row">
              {choices.map((choice) => (
                <Button
                  key={choice.merchantId}
                  busy={action.busy}
                  onClick={() => void action.run(choice.merchantId)}
                >
                  {`${choice.merchantName} · ${t(`role_${choice.role}`)}`}
                </Button>
              ))}
            </div>
          </fieldset>
        ) : (
          <Button type="submit" busy={action.busy}>
            {sent ? t('login') : t('sendCode')}
          </Button>
        )}
      </form>
    </main>
  );
}
