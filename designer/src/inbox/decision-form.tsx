import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField } from '#flow-language';
import { type Decision, type DecisionTally, inboxApi, newRequestId } from './inbox-api.ts';
import { refusalText } from './refusal-words.ts';

type Verdict = Decision['verdict'];

/**
 * Approve or reject with a comment (required to reject) and the approval node's form. The
 * request id is kept until the answer arrives, so a second click resends the same decision.
 */
export function DecisionForm({
  taskId,
  nameOf,
  fields,
  onDecided,
}: {
  taskId: string;
  nameOf: (userId: string | undefined) => string;
  fields: FormField[];
  onDecided: (tally: DecisionTally) => void;
}) {
  const [comment, setComment] = useState('');
  const [form, setForm] = useState<Record<string, unknown>>({});
  const [refusal, setRefusal] = useState<string>();
  const [pending, setPending] = useState<{ verdict: Verdict; requestId: string }>();
  const { t } = useTranslation();

  const decide = async (verdict: Verdict) => {
    if (verdict === 'reject' && !comment.trim()) {
      setRefusal(t('inbox.rejectNeedsComment'));
      return;
    }
    const requestId = pending?.verdict === verdict ? pending.requestId : newRequestId();
    setPending({ verdict, requestId });
    setRefusal(undefined);
    try {
      const tally = await inboxApi.decide(taskId, {
        verdict,
        requestId,
        ...(comment.trim() && { comment: comment.trim() }),
        ...(fields.length > 0 && { form }),
      });
      onDecided(tally);
    } catch (failure) {
      setRefusal(refusalText(failure, nameOf));
    } finally {
      setPending(undefined);
    }
  };
  const submit = (event: FormEvent) => event.preventDefault();

  return (
    <form className="decision" onSubmit={submit} data-testid="decision-form">
      {fields.map((field) => (
        <FormFieldInput
          key={field.name}
          field={field}
          value={form[field.name]}
          onChange={(value) => setForm({ ...form, [field.name]: value })}
        />
      ))}
      <label className="field">
        <span>
          {t('inbox.comment')} <span className="muted">{t('inbox.commentRequired')}</span>
        </span>
        <textarea
          data-testid="decision-comment"
          rows={3}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            setRefusal(undefined);
          }}
        />
      </label>
      {refusal && (
        <p className="refusal" role="alert" data-testid="decision-refusal">
          {refusal}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={pending !== undefined}
          onClick={() => decide('approve')}
          data-testid="decision-approve"
        >
          {t('inbox.approve')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={pending !== undefined}
          onClick={() => decide('reject')}
          data-testid="decision-reject"
        >
          {t('inbox.reject')}
        </button>
      </div>
    </form>
  );
}

function FormFieldInput({
  field,
  value,
  onChange,
}: {
  field: FormField;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const id = useId();
  const testId = `decision-field-${field.name}`;
  const label = `${field.label}${field.required ? ' *' : ''}`;
  if (field.type === 'boolean') {
    return (
      <label className="field-check">
        <input
          type="checkbox"
          data-testid={testId}
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldControl id={id} testId={testId} field={field} value={value} onChange={onChange} />
    </div>
  );
}

function FieldControl({
  id,
  testId,
  field,
  value,
  onChange,
}: {
  id: string;
  testId: string;
  field: FormField;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const text = typeof value === 'string' ? value : '';
  if (field.type === 'select') {
    return (
      <select
        id={id}
        data-testid={testId}
        value={text}
        required={field.required}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">—</option>
        {field.options?.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    );
  }
  if (field.type === 'text') {
    return (
      <textarea
        id={id}
        data-testid={testId}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <input
      id={id}
      data-testid={testId}
      type={field.type === 'number' ? 'number' : 'text'}
      value={value === undefined ? '' : String(value)}
      onChange={(event) =>
        onChange(field.type === 'number' ? Number(event.target.value) : event.target.value)
      }
    />
  );
}
