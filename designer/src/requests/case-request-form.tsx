import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseForm } from '#api-contract/cases';
import type { FlowIssue } from '#flow-language';
import { ApiRequestError } from '../api/client.ts';
import { problemText } from '../flows/problems-panel.tsx';
import { reasonOf } from '../session/use-loaded.ts';
import { caseInputOf, type FormFieldView, formFields } from './case-form-fields.ts';
import { newCaseId, requestsApi } from './requests-api.ts';

type Typed = Record<string, string | boolean>;

/**
 * A case for one trigger, asked field by field as the live flow declares its inputs. The case id
 * is kept until the case is accepted, so a second click submits the same case, not a second one.
 */
export function CaseRequestForm({
  form,
  onSubmitted,
}: {
  form: CaseForm;
  onSubmitted(caseId: string): void;
}) {
  const { t } = useTranslation();
  const fields = formFields(form);
  const [typed, setTyped] = useState<Typed>(() =>
    Object.fromEntries(fields.filter((f) => f.control === 'yes-no').map((f) => [f.name, false])),
  );
  const [where, setWhere] = useState(form.scope?.marketplaces?.[0] ?? '');
  const [caseId, setCaseId] = useState(newCaseId);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = caseInputOf(form, typed);
    const unreadable = Object.fromEntries(
      read.problems.map((p) => [p.field, t(`requests.unreadable.${p.problem}`)]),
    );
    setProblems(unreadable);
    setRefusal(undefined);
    if (read.problems.length > 0) return;
    setSending(true);
    try {
      const marketplace = where.trim();
      await requestsApi.submit({
        trigger: form.trigger,
        input: read.input,
        caseId,
        ...(marketplace && { marketplace }),
      });
      onSubmitted(caseId);
      setCaseId(newCaseId());
      setTyped({});
    } catch (failure) {
      const issues = failure instanceof ApiRequestError ? (failure.issues as FlowIssue[]) : [];
      const byField = issues.filter((issue) => issue.field);
      setProblems(Object.fromEntries(byField.map((issue) => [issue.field, problemText(issue)])));
      setRefusal(reasonOf(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="case-request" onSubmit={submit} data-testid={`request-form-${form.trigger}`}>
      {form.description && <p className="muted">{form.description}</p>}
      {fields.map((field) => (
        <RequestField
          key={field.name}
          field={field}
          value={typed[field.name]}
          problem={problems[field.name]}
          onChange={(value) => setTyped({ ...typed, [field.name]: value })}
        />
      ))}
      <div className="field">
        <label htmlFor={`${form.flowKey}-marketplace`}>{t('requests.marketplace')}</label>
        {form.scope?.marketplaces ? (
          <select
            id={`${form.flowKey}-marketplace`}
            value={where}
            onChange={(e) => setWhere(e.target.value)}
            data-testid="request-marketplace"
          >
            {form.scope.marketplaces.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        ) : (
          <input
            id={`${form.flowKey}-marketplace`}
            value={where}
            onChange={(e) => setWhere(e.target.value)}
            data-testid="request-marketplace"
          />
        )}
      </div>
      {refusal && (
        <p className="refusal" role="alert" data-testid="request-refusal">
          {refusal}
        </p>
      )}
      <button type="submit" disabled={sending} data-testid="request-submit">
        {sending ? t('requests.sending') : t('requests.submit')}
      </button>
    </form>
  );
}

function RequestField({
  field,
  value,
  problem,
  onChange,
}: {
  field: FormFieldView;
  value: string | boolean | undefined;
  problem: string | undefined;
  onChange(value: string | boolean): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const testId = `request-field-${field.name}`;
  const text = typeof value === 'string' ? value : '';
  const common = { id, 'data-testid': testId, 'aria-invalid': problem !== undefined };
  const control = (() => {
    switch (field.control) {
      case 'select':
        return (
          <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t('requests.choose')}</option>
            {field.options?.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        );
      case 'yes-no':
        return (
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
        );
      case 'json':
        return (
          <textarea {...common} rows={2} value={text} onChange={(e) => onChange(e.target.value)} />
        );
      default:
        return (
          <input
            {...common}
            type={field.control === 'date' ? 'date' : 'text'}
            inputMode={field.control === 'text' ? undefined : 'decimal'}
            placeholder={field.control === 'amount' ? '0.00' : undefined}
            value={text}
            onChange={(e) => onChange(e.target.value)}
          />
        );
    }
  })();
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required && <span className="muted"> *</span>}
        {field.control === 'amount' && <span className="muted"> ({t('requests.amount')})</span>}
        {field.pii && (
          <span className="badge neutral" title={t('requests.piiHint')}>
            {t('requests.pii')}
          </span>
        )}
      </label>
      {control}
      {field.description && <small>{field.description}</small>}
      {problem && (
        <small className="field-error" data-testid={`${testId}-problem`}>
          {problem}
        </small>
      )}
    </div>
  );
}
