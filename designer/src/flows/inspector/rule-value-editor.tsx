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

function AmountInput(props: ValueEditorProps) {
  const { value, handleOnChange, className, disabled, title } = props;
  const currency = props.fieldData.currency as string | undefined;
  const { t } = useTranslation();
  const [text, setText] = useState(() => centsAsAmount(value, currency));
  // An undo or a JSON edit changes the cents; what is being typed stays while it means them.
  useEffect(() => {
    setText((typed) =>
      amountAsCents(typed, currency) === value ? typed : centsAsAmount(value, currency),
    );
  }, [value, currency]);
  const valid = text.trim() === '' || amountAsCents(text, currency) !== undefined;
  return (
    <input
      type="text"
      inputMode="decimal"
      className={`${className ?? ''} rule-amount`}
      value={text}
      placeholder={centsAsAmount(0, currency)}
      title={title ?? t('inspector.amountTitle')}
      disabled={disabled}
      aria-invalid={!valid}
      onChange={(event) => {
        setText(event.target.value);
        const cents = amountAsCents(event.target.value, currency);
        if (cents !== undefined) handleOnChange(cents);
      }}
    />
  );
}
