import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '#api-contract/cases';
import { formatInstant } from '../session/format.ts';
import { Pager } from '../session/pager.tsx';
import { useLoaded } from '../session/use-loaded.ts';
import { CaseRequestForm } from './case-request-form.tsx';
import { requestsApi } from './requests-api.ts';

/** The requester's screen: submit a case for a trigger, and follow the cases they submitted. */
export function RequestsPage() {
  const { t } = useTranslation();
  const forms = useLoaded(() => requestsApi.forms(), 'forms');
  const [chosen, setChosen] = useState<string>();
  const [submitted, setSubmitted] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const items = forms.value ?? [];
  const form = items.find((f) => `${f.trigger}/${f.flowKey}` === chosen) ?? items[0];
  return (
    <div className="stack">
      <section className="panel" data-testid="request-new">
        <div className="panel-head">
          <h1>{t('requests.title')}</h1>
        </div>
        {forms.error && <p className="bad">{forms.error}</p>}
        {forms.value && items.length === 0 && <p className="muted">{t('requests.noForms')}</p>}
        {items.length > 0 && (
          <label className="field">
            {t('requests.kind')}
            <select
              value={form ? `${form.trigger}/${form.flowKey}` : ''}
              onChange={(e) => setChosen(e.target.value)}
              data-testid="request-trigger"
            >
              {items.map((f) => (
                <option key={`${f.trigger}/${f.flowKey}`} value={`${f.trigger}/${f.flowKey}`}>
                  {f.flowName} ({f.trigger})
                </option>
              ))}
            </select>
          </label>
        )}
        {form && (
          <CaseRequestForm
            key={`${form.trigger}/${form.flowKey}`}
            form={form}
            onSubmitted={(caseId) => {
              setSubmitted(caseId);
              setGeneration((n) => n + 1);
            }}
          />
        )}
        {submitted && (
          <p className="verdict ok" data-testid="request-submitted">
            {t('requests.submitted', { caseId: submitted })}
          </p>
        )}
      </section>
      <MyCases key={generation} />
    </div>
  );
}

const STATUSES: CaseStatus[] = ['running', 'completed', 'failed', 'cancelled'];

function MyCases() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<CaseStatus>();
  const cases = useLoaded(() => requestsApi.myCases(page, status), `${page}/${status ?? ''}`);
  const pages = cases.value ? Math.max(1, Math.ceil(cases.value.total / cases.value.pageSize)) : 1;
  return (
    <section className="panel" data-testid="my-cases">
      <div className="panel-head">
        <h2>{t('requests.myCases')}</h2>
        <select
          value={status ?? ''}
          onChange={(e) => {
            setStatus((e.target.value || undefined) as CaseStatus | undefined);
            setPage(1);
          }}
          aria-label={t('requests.status')}
          data-testid="my-cases-status"
        >
          <option value="">{t('requests.anyStatus')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`runStatus.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={cases.reload} data-testid="my-cases-refresh">
          {t('inbox.refresh')}
        </button>
      </div>
      {cases.error && <p className="bad">{cases.error}</p>}
      {cases.value && cases.value.items.length === 0 && (
        <p className="muted">{t('requests.noCases')}</p>
      )}
      {cases.value && cases.value.items.length > 0 && (
        <table className="grid" data-testid="my-cases-table">
          <thead>
            <tr>
              <th>{t('inbox.case')}</th>
              <th>{t('inbox.order')}</th>
              <th>{t('requests.kind')}</th>
              <th>{t('inbox.submitted')}</th>
              <th>{t('requests.status')}</th>
              <th>{t('requests.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.value.items.map((c) => (
              <tr key={c.caseId} data-testid={`my-case-${c.caseId}`}>
                <td>{c.caseId}</td>
                <td>{c.orderId ?? '—'}</td>
                <td>{c.trigger ?? c.flowKey}</td>
                <td>{formatInstant(c.submittedAt)}</td>
                <td data-testid="my-case-status">{t(`runStatus.${c.status}`)}</td>
                <td>{c.outcome ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} onPage={setPage} />
    </section>
  );
}
