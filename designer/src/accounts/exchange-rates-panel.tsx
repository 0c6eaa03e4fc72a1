import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonOf, useLoaded } from '../session/use-loaded.ts';
import { accountsApi } from './accounts-api.ts';

/** The dated rates group views convert with: one per currency pair and day. */
export function ExchangeRatesPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const rates = useLoaded(() => accountsApi.rates(), 'rates');
  const [draft, setDraft] = useState({ from: 'EUR', to: 'USD', date: '', rate: '', source: '' });
  const [problem, setProblem] = useState<string>();
  const set = (name: keyof typeof draft) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [name]: event.currentTarget.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await accountsApi.saveRate({ ...draft, rate: Number(draft.rate) });
      setProblem(undefined);
      rates.reload();
    } catch (failure) {
      setProblem(reasonOf(failure));
    }
  };
  return (
    <section data-testid="exchange-rates">
      <h2>{t('accounts.rates')}</h2>
      <p className="muted">{t('accounts.ratesIntro')}</p>
      {rates.error && <p className="bad">{rates.error}</p>}
      <table className="grid">
        <thead>
          <tr>
            <th>{t('accounts.pair')}</th>
            <th>{t('accounts.from')}</th>
            <th>{t('accounts.rate')}</th>
            <th>{t('accounts.source')}</th>
          </tr>
        </thead>
        <tbody>
          {(rates.value?.items ?? []).map((rate) => (
            <tr key={`${rate.from}-${rate.to}-${rate.date}`}>
              <td>
                {rate.from} → {rate.to}
              </td>
              <td>{rate.date}</td>
              <td>{rate.rate}</td>
              <td>{rate.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <form onSubmit={submit} className="rate-form">
          <input
            aria-label={t('accounts.pair')}
            value={draft.from}
            onChange={set('from')}
            size={4}
          />
          → <input aria-label={t('accounts.pair')} value={draft.to} onChange={set('to')} size={4} />
          <input
            type="date"
            aria-label={t('accounts.from')}
            value={draft.date}
            onChange={set('date')}
            required
          />
          <input
            aria-label={t('accounts.rate')}
            value={draft.rate}
            onChange={set('rate')}
            required
            size={8}
          />
          <input
            aria-label={t('accounts.source')}
            value={draft.source}
            onChange={set('source')}
            required
          />
          <button type="submit">{t('accounts.saveRate')}</button>
          {problem && <p className="bad">{problem}</p>}
        </form>
      )}
    </section>
  );
}
