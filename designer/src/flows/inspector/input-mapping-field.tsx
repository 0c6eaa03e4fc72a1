import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FieldSpec,
  isRecordMapping,
  type JsonValue,
  type RecordMapping,
} from '#flow-language';
import {
  addField,
  EMPTY_RECORD,
  newFieldProblem,
  withField,
  withoutField,
} from '../record-input.ts';
import { JsonField, TextField } from './fields.tsx';

interface InputMappingFieldProps {
  label: string;
  spec: FieldSpec;
  /** What to map into it, in the reader's language (see activityInputHint). */
  hint: string | undefined;
  value: JsonValue | undefined;
  onChange(value: JsonValue | undefined): void;
  testId: string;
}

/**
 * One activity input: a json-logic rule, or (for an object input) a record edited field by
 * field, each field its own rule. A record can always be opened as JSON; a rule is turned into
 * a record only when there is none yet, so no rule is ever dropped.
 */
export function InputMappingField({
  label,
  spec,
  hint,
  value,
  onChange,
  testId,
}: InputMappingFieldProps) {
  const { t } = useTranslation();
  const [asJson, setAsJson] = useState(false);
  const record = isRecordMapping(value) ? value : undefined;
  if (record && !asJson) {
    return (
      <RecordFields
        label={label}
        record={record}
        onChange={onChange}
        onEditAsJson={() => setAsJson(true)}
        testId={testId}
      />
    );
  }
  const canBuild = spec.type === 'object' && (value === undefined || record !== undefined);
  return (
    <>
      <JsonField
        label={label}
        value={value}
        compact
        onChange={onChange}
        testId={testId}
        hint={hint}
      />
      {canBuild && (
        <button
          type="button"
          onClick={() => {
            setAsJson(false);
            if (!record) onChange(EMPTY_RECORD);
          }}
          data-testid={`${testId}-as-record`}
        >
          {t('inspector.buildFromFields')}
        </button>
      )}
    </>
  );
}

interface RecordFieldsProps {
  label: string;
  record: RecordMapping;
  onChange(record: RecordMapping): void;
  onEditAsJson(): void;
  testId: string;
}

function RecordFields({ label, record, onChange, onEditAsJson, testId }: RecordFieldsProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const problem = name === '' ? undefined : newFieldProblem(record, name);
  return (
    <fieldset data-testid={`${testId}-record`}>
      <legend>{t('inspector.recordFields', { input: label })}</legend>
      <small>{t('inspector.recordHint')}</small>
      {Object.entries(record.fields).map(([field, rule]) => (
        <div className="row" key={field}>
          <JsonField
            label={field}
            value={rule}
            compact
            onChange={(next) => next !== undefined && onChange(withField(record, field, next))}
            testId={`${testId}-field-${field}`}
          />
          <button
            type="button"
            onClick={() => onChange(withoutField(record, field))}
            data-testid={`${testId}-field-${field}-remove`}
          >
            {t('inspector.removeField')}
          </button>
        </div>
      ))}
      <div className="row">
        <TextField
          label={t('inspector.newRecordField')}
          value={name}
          onChange={setName}
          testId={`${testId}-new-field`}
          hint={
            problem &&
            t(problem === 'taken' ? 'inspector.recordFieldTaken' : 'inspector.recordFieldInvalid')
          }
        />
        <button
          type="button"
          disabled={name === '' || problem !== undefined}
          onClick={() => {
            onChange(addField(record, name));
            setName('');
          }}
          data-testid={`${testId}-add-field`}
        >
          {t('inspector.addRecordField')}
        </button>
      </div>
      <button type="button" onClick={onEditAsJson} data-testid={`${testId}-as-json`}>
        {t('inspector.editAsJson')}
      </button>
    </fieldset>
  );
}
