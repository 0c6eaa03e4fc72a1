import { useTranslation } from 'react-i18next';
import type { AccountView } from '#api-contract/accounts';
import { useMe } from '../session/session-context.tsx';
import { reasonOf, useLoaded } from '../session/use-loaded.ts';
import { AccountForm } from './account-form.tsx';
import { accountsApi, referenceText } from './accounts-api.ts';
import { ExchangeRatesPanel } from './exchange-rates-panel.tsx';

/** Marketplace accounts beside the environment's default one, and the exchange-rate table. */
export function AccountsPage() {
  const { t } = useTranslation();
  const accounts = useLoaded(() => accountsApi.list(), 'accounts');
  const isAdmin = useMe().roles.includes('admin');
  return (
    <section className="panel" data-testid="accounts">
      <h1>{t('accounts.title')}</h1>
      <p className="muted">{t('accounts.intro')}</p>
      {accounts.error && <p className="bad">{accounts.error}</p>}
      <table className="grid" data-testid="accounts-table">
        <thead>
          <tr>
            <th>{t('accounts.id')}</th>
            <th>{t('accounts.name')}</th>
            <th>{t('accounts.region')}</th>
            <th>{t('accounts.merchantId')}</th>
            <th>{t('accounts.marketplaces')}</th>
            <th>{t('accounts.credentials')}</th>
            {isAdmin && <th />}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>default</td>
            <td colSpan={isAdmin ? 6 : 5} className="muted">
              {t('accounts.defaultAccount')}
            </td>
          </tr>
          {(accounts.value?.items ?? []).map((account) => (
            <AccountRow
              key={account.accountId}
              account={account}
              isAdmin={isAdmin}
              onChanged={accounts.reload}
            />
          ))}
        </tbody>
      </table>
      {isAdmin && <AccountForm onSaved={accounts.reload} />}
      <ExchangeRatesPanel canEdit={isAdmin} />
    </section>
  );
}

function AccountRow(props: { account: AccountView; isAdmin: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { account } = props;
  const remove = async () => {
    if (!window.confirm(t('accounts.removeQuestion', { account: account.accountId }))) return;
    try {
      await accountsApi.remove(account.accountId);
      props.onChanged();
    } catch (failure) {
      window.alert(reasonOf(failure));
    }
  };
  return (
    <tr data-testid={`account-${account.accountId}`}>
      <td>{account.accountId}</td>
      <td>
        {account.displayName} <span className="muted small">({t(`accounts.${account.kind}`)})</span>
      </td>
      <td>{account.region.toUpperCase()}</td>
      <td>{account.merchantId}</td>
      <td>{account.marketplaces.map((m) => `${m.code} (${m.currency})`).join(', ')}</td>
      <td className="small">{Object.values(account.credentials).map(referenceText).join(' · ')}</td>
      {props.isAdmin && (
        <td>
          <button type="button" onClick={remove}>
            {t('accounts.remove')}
          </button>
        </td>
      )}
    </tr>
  );
}
