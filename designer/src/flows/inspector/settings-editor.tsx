import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, type FieldType, flowCurrency, type JsonValue } from '#flow-language';
import type { FlowSettings } from '../flow-graph.ts';
import { amountAsCents, centsAsAmount, isAmountInCents } from '../rule-money.ts';
import { allowedValuesText, CAN_LIST_VALUES, parseAllowedValues } from './allowed-values.ts';
import { CheckboxField, JsonField, SelectField, TextField, without } from './fields.tsx';

const TYPE_OPTIONS = FIELD_TYPES.map((type) => ({ value: type, label: type }));

type Inputs = NonNullable<FlowSettings['inputs']>;
type Variables = NonNullable<FlowSettings['variables']>;
type InputSpec = Inputs[string];

/** The allowed values as typed; written to the declaration whenever they form a valid list. */
function AllowedValuesField({
  name,
  spec,
  onChange,
}: {
  name: string;
  spec: InputSpec;
  onChange(spec: InputSpec): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => allowedValuesText(spec));
  const parsed = parseAllowedValues(text, spec.type);
  return (
    <div className="field">
      <TextField
        label={t('inspector.allowedValues')}
        value={text}
        onChange={(typed) => {
          setText(typed);
          const next = parseAllowedValues(typed, spec.type);
          if (!next.ok) return;
          onChange(next.values ? { ...spec, enum: next.values } : without(spec, 'enum'));
        }}
        testId={`inspector-input-decl-${name}-allowed`}
        hint={parsed.ok ? t('inspector.allowedValuesHint') : t('inspector.allowedValuesNotNumbers')}
      />
    </div>
  );
}

/** A variable kept in cents starts from an amount typed in the currency's units. */
function AmountInitialField({
  name,
  value,
  currency,
  onChange,
}: {
  name: string;
  value: unknown;
  currency: string | undefined;
  onChange(cents: number | undefined): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => centsAsAmount(value, currency));
  return (
    <TextField
      label={t('inspector.initialAmount')}
      value={text}
      onChange={(typed) => {
        setText(typed);
        if (typed.trim() === '') return onChange(undefined);
        const cents = amountAsCents(typed, currency);
        if (cents !== undefined) onChange(cents);
      }}
      testId={`inspector-variable-${name}-initial-amount`}
      hint={t('inspector.amountTitle')}
    />
  );
}

function AddByName({
  label,
  onAdd,
  testId,
}: {
  label: string;
  onAdd(name: string): void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  return (
    <div className="row">
      <TextField
        label={t('inspector.newName', { what: label })}
        value={name}
        onChange={setName}
        testId={`${testId}-name`}
      />
      <button
        type="button"
        disabled={!name}
        onClick={() => {
          onAdd(name);
          setName('');
        }}
        data-testid={`${testId}-add`}
      >
        {t('inspector.addWhat', { what: label })}
      </button>
    </div>
  );
}

export function InputsEditor({
  inputs,
  onChange,
}: {
  inputs: Inputs;
  onChange(inputs: Inputs): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset data-testid="inspector-inputs">
      <legend>{t('inspector.declaredInputs')}</legend>
      {Object.entries(inputs).map(([name, spec]) => (
        <div className="row" key={name} data-testid={`inspector-input-decl-${name}`}>
          <strong className="decl-name">{name}</strong>
          <SelectField
            label={t('inspector.type')}
            value={spec.type}
            options={TYPE_OPTIONS}
            onChange={(type) =>
              onChange({ ...inputs, [name]: { ...without(spec, 'enum'), type: type as FieldType } })
            }
            testId={`inspector-input-decl-${name}-type`}
          />
          <CheckboxField
            label={t('inspector.requiredField')}
            value={spec.required}
            onChange={(required) => onChange({ ...inputs, [name]: { ...spec, required } })}
            testId={`inspector-input-decl-${name}-required`}
          />
          {CAN_LIST_VALUES.includes(spec.type) && (
            <AllowedValuesField
              key={spec.type}
              name={name}
              spec={spec}
              onChange={(next) => onChange({ ...inputs, [name]: next })}
            />
          )}
          <button type="button" onClick={() => onChange(without(inputs, name))}>
            {t('inspector.remove')}
          </button>
        </div>
      ))}
      <AddByName
        label={t('inspector.nounInput')}
        onAdd={(name) => onChange({ ...inputs, [name]: { type: 'string', required: true } })}
        testId="inspector-input-decl"
      />
    </fieldset>
  );
}

export function VariablesEditor({
  variables,
  currency,
  onChange,
}: {
  variables: Variables;
  /** The flow's currency: amounts start from a value typed in its units. */
  currency?: string;
  onChange(variables: Variables): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset data-testid="inspector-variables">
      <legend>{t('inspector.variables')}</legend>
      {Object.entries(variables).map(([name, spec]) => (
        <div className="row" key={name}>
          <strong className="decl-name">{name}</strong>
          <SelectField
            label={t('inspector.type')}
            value={spec.type}
            options={TYPE_OPTIONS}
            onChange={(type) =>
              onChange({ ...variables, [name]: { ...spec, type: type as FieldType } })
            }
            testId={`inspector-variable-${name}-type`}
          />
          {isAmountInCents(name, spec.type) ? (
            <AmountInitialField
              name={name}
              value={spec.initial}
              currency={currency}
              onChange={(initial) =>
                onChange({
                  ...variables,
                  [name]: initial === undefined ? without(spec, 'initial') : { ...spec, initial },
                })
              }
            />
          ) : (
            <JsonField
              label={t('inspector.initial')}
              compact
              value={spec.initial as JsonValue | undefined}
              onChange={(initial) =>
                onChange({
                  ...variables,
                  [name]: initial === undefined ? without(spec, 'initial') : { ...spec, initial },
                })
              }
              testId={`inspector-variable-${name}-initial`}
            />
          )}
          <button type="button" onClick={() => onChange(without(variables, name))}>
            {t('inspector.remove')}
          </button>
        </div>
      ))}
      <AddByName
        label={t('inspector.nounVariable')}
        onAdd={(name) => onChange({ ...variables, [name]: { type: 'string' } })}
        testId="inspector-variable"
      />
    </fieldset>
  );
}

export function FlowSettingsEditor({
  settings,
  onChange,
}: {
  settings: FlowSettings;
  onChange(settings: FlowSettings): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('inspector.flowName')}
        value={settings.name}
        onChange={(name) => onChange({ ...settings, name })}
        testId="inspector-flow-name"
      />
      <TextField
        label={t('inspector.description')}
        value={settings.description ?? ''}
        onChange={(description) =>
          onChange(description ? { ...settings, description } : without(settings, 'description'))
        }
        testId="inspector-flow-description"
      />
      <InputsEditor
        inputs={settings.inputs ?? {}}
        onChange={(inputs) => onChange({ ...settings, inputs })}
      />
      <VariablesEditor
        variables={settings.variables ?? {}}
        currency={flowCurrency(settings)}
        onChange={(variables) => onChange({ ...settings, variables })}
      />
    </>
  );
}
