import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/client.ts';
import { useSession } from './session-context.tsx';
import { reasonOf } from './use-loaded.ts';

export function LoginPage() {
  const { signIn } = useSession();
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? reasonOf(failure) : t('login.noAnswer'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="panel login-form" onSubmit={submit} data-testid="login-form">
        <h1>{t('login.title')}</h1>
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            data-testid="login-username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error && (
          <p className="bad" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t('login.signingIn') : t('login.signIn')}
        </button>
      </form>
    </main>
  );
}
