import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDefinition } from '#api-contract/accounts';
import { reasonOf } from '../session/use-loaded.ts';
import { accountsApi, parseMarketplaces, parseReference } from './accounts-api.ts';

const EMPTY = {
  accountId: '',
  displayName: '',
  kind: 'seller',
  region: 'na',
  merchantId: '',
  marketplaces: '',
  clientId: 'env:',
  clientSecret: 'env:',
  refreshToken: 'file:',
  endpoint: '',
};
type Draft = typeof EMPTY;

/** Adds or replaces an account; secrets are named (`env:NAME`, `file:key`), never typed in. */
export function AccountForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<string>();
  const field = (name: keyof Draft) => ({
    value: draft[name],
    onChange: (event: { currentTarget: { value: string } }) =>
      setDraft({ ...draft, [name]: event.currentTarget.value }),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const definition: AccountDefinition = {
      kind: draft.kind as AccountDefinition['kind'],
      displayName: draft.displayName,
      region: draft.region as AccountDefinition['region'],
      merchantId: draft.merchantId,
      marketplaces: parseMarketplaces(draft.marketplaces),
      credentials: {
        clientId: parseReference(draft.clientId),
        clientSecret: parseReference(draft.clientSecret),
        refreshToken: parseReference(draft.refreshToken),
      },
      ...(draft.endpoint ? { endpoint: draft.endpoint } : {}),
    };
    try {
      await accountsApi.save(draft.accountId, definition);
      setDraft(EMPTY);
      setProblem(undefined);
      onSaved();
    } catch (failure) {
      setProblem(reasonOf(failure));
    }
  };
  return (
    <form className="account-form" onSubmit={submit} data-testid="account-form">
      <h2>{t('accounts.add')}</h2>
      <label>
        {t('accounts.id')} <input required {...field('accountId')} placeholder="eu-main" />
      </label>
      <label>
        {t('accounts.name')} <input required {...field('displayName')} />
      </label>
      <label>
        {t('accounts.kind')}{' '}
        <select {...field('kind')}>
          <option value="seller">{t('accounts.seller')}</option>
          <option value="vendor">{t('accounts.vendor')}</option>
        </select>
      </label>
      <label>
        {t('accounts.region')}{' '}
        <select {...field('region')}>
          <option value="na">NA</option>
          <option value="eu">EU</option>
          <option value="fe">FE</option>
        </select>
      </label>
      <label>
        {t('accounts.merchantId')} <input required {...field('merchantId')} />
      </label>
      <label>
        {t('accounts.marketplaces')}{' '}
        <textarea rows={3} {...field('marketplaces')} placeholder="DE A1PA6795UKMFR9 EUR" />
      </label>
      <p className="muted small">{t('accounts.referencesHelp')}</p>
      <label>
        LWA client id <input {...field('clientId')} />
      </label>
      <label>
        LWA client secret <input {...field('clientSecret')} />
      </label>
      <label>
        LWA refresh token <input {...field('refreshToken')} />
      </label>
      <label>
        {t('accounts.endpoint')} <input {...field('endpoint')} placeholder="https://…" />
      </label>
      {problem && <p className="bad">{problem}</p>}
      <button type="submit">{t('accounts.save')}</button>
    </form>
  );
}
