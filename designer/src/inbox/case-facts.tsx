import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '#api-contract/inbox';
import { amountLabel, caseCurrency, displayValue } from '../flows/rule-money.ts';
import { formatInstant } from '../session/format.ts';

type CaseInput = Record<string, unknown>;

// Drawn elsewhere: the order id among the facts, order lines as a table.
const SHOWN_APART = new Set(['items', 'orderId']);

const IMAGE = /\.(png|jpe?g|gif|webp|avif)(\?|$)/i;

function isUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//.test(value);
}

/** Every link in the case input, wherever it sits (evidence, photos, documents). */
export function evidenceLinks(input: unknown, path = ''): { label: string; url: string }[] {
  if (isUrl(input)) return [{ label: path || 'link', url: input }];
  if (Array.isArray(input)) return input.flatMap((item, i) => evidenceLinks(item, `${path}[${i}]`));
  if (input && typeof input === 'object') {
    return Object.entries(input).flatMap(([key, value]) =>
      evidenceLinks(value, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

function itemsOf(input: CaseInput): Record<string, unknown>[] {
  const items = input.items ?? (input.order as CaseInput | undefined)?.items;
  return Array.isArray(items) ? items.filter((item) => item && typeof item === 'object') : [];
}

/**
 * The input's other fields as people read them (amounts in units, `giftAndCoupon 150.00`); order
 * lines are drawn as a table and links as evidence.
 */
export function otherEntries(input: CaseInput): [string, string][] {
  return Object.entries(input)
    .filter(([key, value]) => !SHOWN_APART.has(key) && evidenceLinks(value).length === 0)
    .map(([key, value]) => [amountLabel(key), displayValue(key, value, caseCurrency(input))]);
}

/** What the reviewer decides on: the case, its order lines and amounts, and its evidence. */
export function CaseFacts({
  detail,
  nameOf,
}: {
  detail: TaskDetail;
  nameOf: (userId: string | undefined) => string;
}) {
  const { t } = useTranslation();
  const input = detail.case.input ?? {};
  const items = itemsOf(input);
  const links = evidenceLinks(input);
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))].filter(
    (column) => !items.some((item) => isUrl(item[column])),
  );
  return (
    <div className="case-facts" data-testid="case-facts">
      <dl className="facts">
        <dt>{t('inbox.case')}</dt>
        <dd>{detail.case.caseId}</dd>
        <dt>{t('inbox.order')}</dt>
        <dd data-testid="case-order">{detail.case.orderId ?? '—'}</dd>
        <dt>{t('inbox.requestedBy')}</dt>
        <dd>{nameOf(detail.case.requestedBy)}</dd>
        <dt>{t('inbox.submitted')}</dt>
        <dd>{formatInstant(detail.case.submittedAt)}</dd>
        {[detail.case.brand, detail.case.marketplace, detail.case.store].some(Boolean) && (
          <>
            <dt>{t('inbox.where')}</dt>
            <dd>
              {[detail.case.brand, detail.case.marketplace, detail.case.store]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        )}
        {detail.case.account && (
          <>
            <dt>{t('inbox.account')}</dt>
            <dd data-testid="case-account">{detail.case.account}</dd>
          </>
        )}
        {otherEntries(input).map(([key, value]) => (
          <FactRow key={key} name={key} value={value} />
        ))}
      </dl>
      {items.length > 0 && (
        <table className="grid compact" data-testid="case-items">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column}>{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item, row) => (
              // Order lines have no id of their own; their position is stable here.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <tr key={row}>
                {columns.map((column) => (
                  <td key={column}>
                    {displayValue(column, item[column], caseCurrency(item, input))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {links.length > 0 && (
        <div className="evidence" data-testid="case-evidence">
          <h3>{t('inbox.evidence')}</h3>
          <ul>
            {links.map((link) => (
              <li key={`${link.label}-${link.url}`}>
                <a href={link.url} target="_blank" rel="noreferrer noopener">
                  {IMAGE.test(link.url) ? (
                    <img src={link.url} alt={link.label} className="thumb" loading="lazy" />
                  ) : null}
                  <span>{link.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function FactRow({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </>
  );
}
