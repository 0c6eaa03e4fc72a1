import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ValueEditor, type ValueEditorProps } from 'react-querybuilder';
import { amountAsCents, centsAsAmount } from '../rule-money.ts';

/** Operators comparing with one typed amount; lists and ranges keep the builder's own editor. */
const SINGLE_VALUE_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);

/**
 * The builder's value editor, except that amounts kept in cents are typed in currency units and
 * a value outside an input's allowed list stays visible in its dropdown, marked as not allowed.
 */
export function RuleValueEditor(props: ValueEditorProps) {
  const { t } = useTranslation();
  const single = props.valueSource === 'value' && SINGLE_VALUE_OPERATORS.has(props.operator);
  if (props.fieldData.amountInCents === true && single) return <AmountInput {...props} />;
  const allowed = props.fieldData.allowed as readonly (string | number)[] | undefined;
  const value = props.value as unknown;
  const outside =
    single && allowed && (typeof value === 'string' || typeof value === 'number') && value !== ''
      ? !allowed.map(String).includes(String(value))
      : false;
  if (!outside) return <ValueEditor {...props} />;
  const marked = {
    name: String(value),
    value: String(value),
    label: t('inspector.notAllowed', { value: String(value) }),
  };
  return <ValueEditor {...props} values={[...(props.values ?? []), marked]} />;
}

function AmountInput({ value, handleOnChange, className, disabled, title }: ValueEditorProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => centsAsAmount(value));
  // An undo or a JSON edit changes the cents; what is being typed stays while it means them.
  useEffect(() => {
    setText((typed) => (amountAsCents(typed) === value ? typed : centsAsAmount(value)));
  }, [value]);
  const valid = text.trim() === '' || amountAsCents(text) !== undefined;
  return (
    <input
      type="text"
      inputMode="decimal"
      className={`${className ?? ''} rule-amount`}
      value={text}
      placeholder="0.00"
      title={title ?? t('inspector.amountTitle')}
      disabled={disabled}
      aria-invalid={!valid}
      onChange={(event) => {
        setText(event.target.value);
        const cents = amountAsCents(event.target.value);
        if (cents !== undefined) handleOnChange(cents);
      }}
    />
  );
}
