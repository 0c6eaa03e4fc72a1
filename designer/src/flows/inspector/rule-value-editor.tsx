import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ValueEditor, type ValueEditorProps } from 'react-querybuilder';
import { amountAsCents, centsAsAmount } from '../rule-money.ts';

/** Operators comparing with one typed amount; lists and ranges keep the builder's own editor. */
const SINGLE_VALUE_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** The builder's value editor, except that amounts kept in cents are typed in currency units. */
export function RuleValueEditor(props: ValueEditorProps) {
  const amount =
    props.fieldData.amountInCents === true &&
    props.valueSource === 'value' &&
    SINGLE_VALUE_OPERATORS.has(props.operator);
  return amount ? <AmountInput {...props} /> : <ValueEditor {...props} />;
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
