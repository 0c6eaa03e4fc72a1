import type {
  AccountDefinition,
  AccountList,
  AccountView,
  ExchangeRate,
  SecretReference,
} from '#api-contract/accounts';
import { api } from '../api/client.ts';

export const accountsApi = {
  list: () => api.get<AccountList>('/api/accounts'),
  save: (accountId: string, definition: AccountDefinition) =>
    api.put<AccountView>(`/api/accounts/${encodeURIComponent(accountId)}`, definition),
  remove: (accountId: string) => api.delete<void>(`/api/accounts/${encodeURIComponent(accountId)}`),
  rates: () => api.get<{ items: ExchangeRate[] }>('/api/exchange-rates'),
  saveRate: (rate: ExchangeRate) => api.put<ExchangeRate>('/api/exchange-rates', rate),
};

/** `env:NAME` or `file:key`, as an admin types a reference. */
export function parseReference(text: string): SecretReference {
  const [from, ...rest] = text.trim().split(':');
  const name = rest.join(':');
  return from === 'file' ? { from: 'file', key: name } : { from: 'env', name };
}

export const referenceText = (reference: SecretReference) =>
  reference.from === 'env' ? `env:${reference.name}` : `file:${reference.key}`;

/** One marketplace a line: `DE A1PA6795UKMFR9 EUR`. */
export function parseMarketplaces(text: string): AccountDefinition['marketplaces'] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length === 3)
    .map(([code = '', marketplaceId = '', currency = '']) => ({ code, marketplaceId, currency }));
}
