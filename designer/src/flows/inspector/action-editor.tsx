import { useTranslation } from 'react-i18next';
import { ACTIVITY_SYSTEMS, findActivity, type RetryPolicy } from '#flow-language';
import {
  activityDescription,
  activityInputHint,
  activityTitle,
  systemName,
} from '../catalog-words.ts';
import { CheckboxField, NumberField, SelectField, TextField, without } from './fields.tsx';
import { InputMappingField } from './input-mapping-field.tsx';
import type { NodeEditorProps } from './node-editor-props.ts';

const DEFAULT_RETRY: RetryPolicy = {
  maximumAttempts: 3,
  initialIntervalSeconds: 1,
  backoffCoefficient: 2,
  maximumIntervalSeconds: 60,
};

export function ActionEditor({ content, onChange, catalog }: NodeEditorProps<'action'>) {
  const { t } = useTranslation();
  const activity = findActivity(catalog, content.activity);
  const inputs = content.inputs ?? {};
  const options = [
    { value: '', label: t('inspector.chooseActivity') },
    ...ACTIVITY_SYSTEMS.flatMap((system) =>
      catalog
        .filter((a) => a.system === system)
        .map((a) => ({ value: a.name, label: `${systemName(system)} · ${activityTitle(a)}` })),
    ),
  ];
  function pickActivity(name: string) {
    const picked = findActivity(catalog, name);
    const mapped = Object.fromEntries(
      Object.keys(picked?.inputs ?? {}).map((field) => [field, inputs[field] ?? { var: field }]),
    );
    onChange({ ...content, activity: name, inputs: mapped });
  }
  const retry = content.retry;
  const setRetry = (patch: Partial<RetryPolicy>) =>
    onChange({ ...content, retry: { ...(retry ?? DEFAULT_RETRY), ...patch } });
  return (
    <>
      <SelectField
        label={t('inspector.activity')}
        value={content.activity}
        onChange={pickActivity}
        options={options}
        testId="inspector-activity"
      />
      {activity && <p className="muted">{activityDescription(activity)}</p>}
      {activity && (
        <fieldset>
          <legend>{t('inspector.activityInputs')}</legend>
          {Object.entries(activity.inputs).map(([field, spec]) => (
            <InputMappingField
              key={`${content.activity}-${field}`}
              label={`${field} · ${spec.type}${spec.required ? t('inspector.required') : ''}`}
              spec={spec}
              hint={activityInputHint(activity, field)}
              value={inputs[field]}
              onChange={(rule) =>
                onChange({
                  ...content,
                  inputs:
                    rule === undefined ? without(inputs, field) : { ...inputs, [field]: rule },
                })
              }
              testId={`inspector-input-${field}`}
            />
          ))}
        </fieldset>
      )}
      <TextField
        label={t('inspector.resultVariable')}
        value={content.resultVariable ?? ''}
        onChange={(name) =>
          onChange(name ? { ...content, resultVariable: name } : without(content, 'resultVariable'))
        }
        testId="inspector-result-variable"
      />
      <NumberField
        label={t('inspector.timeout')}
        value={content.timeoutSeconds}
        onChange={(seconds) => onChange({ ...content, timeoutSeconds: seconds ?? 0 })}
        testId="inspector-timeout"
      />
      <CheckboxField
        label={t('inspector.customRetry')}
        value={retry !== undefined}
        onChange={(on) =>
          onChange(on ? { ...content, retry: DEFAULT_RETRY } : without(content, 'retry'))
        }
        testId="inspector-retry"
      />
      {retry && (
        <div className="grid-2">
          <NumberField
            label={t('inspector.maxAttempts')}
            value={retry.maximumAttempts}
            onChange={(n) => setRetry({ maximumAttempts: n ?? 1 })}
            testId="inspector-retry-attempts"
          />
          <NumberField
            label={t('inspector.initialInterval')}
            value={retry.initialIntervalSeconds}
            onChange={(n) => setRetry({ initialIntervalSeconds: n ?? 1 })}
            testId="inspector-retry-initial"
          />
          <NumberField
            label={t('inspector.backoff')}
            value={retry.backoffCoefficient}
            onChange={(n) => setRetry({ backoffCoefficient: n ?? 1 })}
            testId="inspector-retry-backoff"
          />
          <NumberField
            label={t('inspector.maxInterval')}
            value={retry.maximumIntervalSeconds}
            onChange={(n) => setRetry({ maximumIntervalSeconds: n ?? 1 })}
            testId="inspector-retry-maximum"
          />
        </div>
      )}
      <p className="muted">{t('inspector.errorExitHint')}</p>
    </>
  );
}
