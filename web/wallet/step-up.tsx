// Confirming a payment as the server asks: nothing, the PIN, or the PIN and an SMS code (pin_required / otp_required).
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../shared/api.js';
import { Button, Notice } from '../shared/ui.js';
import { CodeField, PinField } from './pin-field.js';
import { api } from './session.js';
import { useT } from './texts.js';

export type Authentication = 'none' | 'pin' | 'pin_and_otp';

export interface Credentials {
  pin?: string;
  verificationToken?: string;
}

export interface StepUp {
  need: Authentication;
  /** Sends with what the customer entered; when the server asks for more, returns undefined and shows the fields. */
  submit<T>(send: (credentials: Credentials) => Promise<T>): Promise<T | undefined>;
  fields: preact.JSX.Element | null;
}

/** `initial`: what a quote said the payment needs, when known beforehand. */
export function useStepUp(initial: Authentication = 'none'): StepUp {
  const t = useT();
  const [need, setNeed] = useState<Authentication>(initial);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const [challengeId, setChallengeId] = useState<string | undefined>(undefined);
  /** A verified code's token, kept for a retry after a wrong PIN (a code verifies once). */
  const [verificationToken, setVerificationToken] = useState<string | undefined>(undefined);
  const [codeError, setCodeError] = useState<unknown>(undefined);

  /**
   * Asks for the SMS code; a refusal (e.g. too soon after the last code) is shown with a button to ask again (not
   * while the request is under way: the code field replaces it when the code is sent).
   */
  const askForCode = async () => {
    setNeed('pin_and_otp');
    setCodeError(undefined);
    setChallengeId(undefined);
    setVerificationToken(undefined);
    setCode('');
    try {
      const challenge = await api.post<{ challengeId: string }>('/api/v1/me/otp', { purpose: 'payment' });
      setChallengeId(challenge.challengeId);
    } catch (error) {
      setCodeError(error);
    }
  };
  useEffect(() => {
    if (initial === 'pin_and_otp') void askForCode();
  }, []);

  const credentials = async (): Promise<Credentials> => {
    const given: Credentials = {};
    if (need !== 'none') given.pin = pin;
    if (need === 'pin_and_otp' && challengeId) {
      let token = verificationToken;
      if (!token) {
        const path = `/api/v1/otp/${challengeId}/verify`;
        token = (await api.post<{ verificationToken: string }>(path, { code })).verificationToken;
        setVerificationToken(token);
      }
      given.verificationToken = token;
    }
    return given;
  };

  const submit = async <T,>(send: (given: Credentials) => Promise<T>): Promise<T | undefined> => {
    try {
      return await send(await credentials());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'pin_required' && need === 'none') {
        setNeed('pin');
        return undefined;
      }
      if (error.code === 'otp_required' || error.code === 'verification_invalid') {
        await askForCode();
        if (need === 'pin_and_otp') throw error;
        return undefined;
      }
      throw error;
    }
  };

  const fields =
    need === 'none' ? null : (
      <div>
        <p class="muted">{need === 'pin' ? t('needPin') : t('needCode')}</p>
        <Notice error={codeError} />
        <PinField label={t('pin')} value={pin} onValue={setPin} />
        {need === 'pin_and_otp' && challengeId === undefined && codeError !== undefined && (
          <Button kind="secondary" onClick={() => void askForCode()}>
            {t('sendCode')}
          </Button>
        )}
        {need === 'pin_and_otp' && challengeId !== undefined && verificationToken === undefined && (
          <CodeField label={t('smsCode')} value={code} onValue={setCode} />
        )}
      </div>
    );
  return { need, submit, fields };
}
