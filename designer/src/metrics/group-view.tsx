import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupLine, GroupView as GroupViewAnswer } from '#api-contract/accounts';
import { minorUnitsAsMajor } from '#flow-language';
import { api } from '../api/client.ts';
import { useLoaded } from '../session/use-loaded.ts';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'CNY'];

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(
    minorUnitsAsMajor(minor, currency),
  );

/**
 * Refunds across every account and marketplace in one reporting currency: each line says
 * the dated rate it was converted with, or that no rate covered it (and it is left out).
 */
export function GroupView() {
  const { t } = useTranslation();
  const [currency, setCurrency] = useState('USD');
  const view = useLoaded(
    () => api.get<GroupViewAnswer>(`/api/metrics/group?currency=${currency}`),
    currency,
  );
  const choose = (event: FormEvent<HTMLSelectElement>) => setCurrency(event.currentTarget.value);
  return (
    <section data-testid="group-view">
      <h2>{t('groupView.title')}</h2>
      <label>
        {t('groupView.currency')}{' '}
        <select value={currency} onChange={choose} data-testid="group-currency">
          {CURRENCIES.map((code) => (
            <option key={code}>{code}</option>
          ))}
        </select>
      </label>
      {view.error && <p className="bad">{view.error}</p>}
      {view.value && view.value.lines.length === 0 && (
        <p className="muted">{t('groupView.none')}</p>
      )}
      {view.value && view.value.lines.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('groupView.account')}</th>
              <th>{t('groupView.marketplace')}</th>
              <th>{t('groupView.refunds')}</th>
              <th>{t('groupView.refunded')}</th>
              <th>{t('groupView.converted', { currency: view.value.currency })}</th>
              <th>{t('groupView.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {view.value.lines.map((line) => (
              <GroupRow
                key={`${line.accountId}/${line.marketplace}/${line.currency}`}
                line={line}
                reporting={view.value?.currency ?? currency}
              />
            ))}
          </tbody>
        </table>
      )}
      {view.value && view.value.lines.length > 0 && (
        <p data-testid="group-total">
          <strong>{t('groupView.total')}</strong>{' '}
          {money(view.value.totalMinor, view.value.currency)}
          {!view.value.complete && <span className="bad"> {t('groupView.incomplete')}</span>}
        </p>
      )}
    </section>
  );
}

function GroupRow({ line, reporting }: { line: GroupLine; reporting: string }) {
  const { t } = useTranslation();
  const rates = line.ratesUsed
    .map((used) =>
      t('groupView.rateUsed', { rate: used.rate, date: used.date, source: used.source }),
    )
    .join('; ');
  return (
    <tr>
      <td>{line.accountId}</td>
      <td>{line.marketplace}</td>
      <td>{line.refunds}</td>
      <td>{money(line.refundedMinor, line.currency)}</td>
      <td>{line.convertedMinor === null ? '—' : money(line.convertedMinor, reporting)}</td>
      <td className="small">
        {line.currency === reporting ? t('groupView.sameCurrency') : rates}
        {line.missingRateDays.length > 0 && (
          <span className="bad">
            {' '}
            {t('groupView.missing', { days: line.missingRateDays.join(', ') })}
          </span>
        )}
      </td>
    </tr>
  );
}
