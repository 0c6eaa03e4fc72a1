import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonValue } from '#flow-language';

interface FieldProps<T> {
  label: string;
  value: T;
  onChange(value: T): void;
  testId: string;
  hint?: ReactNode;
}

export function TextField({ label, value, onChange, testId, hint }: FieldProps<string>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      {hint && <small>{hint}</small>}
    </div>
  );
}

/** Empty means "not set": optional numbers become undefined rather than 0. */
export function NumberField({
  label,
  value,
  onChange,
  testId,
  hint,
}: FieldProps<number | undefined>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        data-testid={testId}
      />
      {hint && <small>{hint}</small>}
    </div>
  );
}

export function CheckboxField({ label, value, onChange, testId }: FieldProps<boolean>) {
  return (
    <label className="field field-check">
      <input
        type="checkbox"
        checked={value}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      {label}
    </label>
  );
}

export function SelectField({
  label,
  value,
  onChange,
  testId,
  options,
}: FieldProps<string> & { options: readonly { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function pretty(value: JsonValue | undefined, compact: boolean): string {
  if (value === undefined) return '';
  return compact ? JSON.stringify(value) : JSON.stringify(value, null, 2);
}

/**
 * Raw JSON editing: the text is kept as typed, and only JSON that parses reaches the flow, so a
 * half-typed rule never corrupts the document. Invalid text is flagged in place.
 */
export function JsonField({
  label,
  value,
  onChange,
  testId,
  hint,
  compact = false,
  rows = 4,
}: FieldProps<JsonValue | undefined> & { compact?: boolean; rows?: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(() => pretty(value, compact));
  const [error, setError] = useState<string>();
  useEffect(() => {
    setText((current) => {
      try {
        if (JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        // The user's unfinished text is replaced only when the value changed elsewhere.
      }
      return pretty(value, compact);
    });
    setError(undefined);
  }, [value, compact]);
  function edit(next: string) {
    setText(next);
    if (next.trim() === '') {
      setError(undefined);
      onChange(undefined);
      return;
    }
    try {
      const parsed = JSON.parse(next) as JsonValue;
      setError(undefined);
      onChange(parsed);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : 'Invalid JSON');
    }
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={compact ? 1 : rows}
        value={text}
        spellCheck={false}
        onChange={(e) => edit(e.target.value)}
        aria-invalid={error !== undefined}
        className={error ? 'is-invalid' : undefined}
        data-testid={testId}
      />
      {error && (
        <small className="field-error" role="alert" data-testid={`${testId}-error`}>
          {t('inspector.invalidJson', { error })}
        </small>
      )}
      {hint && <small>{hint}</small>}
    </div>
  );
}

export function without<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
