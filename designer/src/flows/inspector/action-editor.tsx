import { ACTIVITY_SYSTEMS, findActivity, type RetryPolicy } from '#flow-language';
import {
  CheckboxField,
  JsonField,
  NumberField,
  SelectField,
  TextField,
  without,
} from './fields.tsx';
import type { NodeEditorProps } from './node-editor-props.ts';

const DEFAULT_RETRY: RetryPolicy = {
  maximumAttempts: 3,
  initialIntervalSeconds: 1,
  backoffCoefficient: 2,
  maximumIntervalSeconds: 60,
};

export function ActionEditor({ content, onChange, catalog }: NodeEditorProps<'action'>) {
  const activity = findActivity(catalog, content.activity);
  const inputs = content.inputs ?? {};
  const options = [
    { value: '', label: '— choose an activity —' },
    ...ACTIVITY_SYSTEMS.flatMap((system) =>
      catalog
        .filter((a) => a.system === system)
        .map((a) => ({ value: a.name, label: `${system} · ${a.title}` })),
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
        label="Activity"
        value={content.activity}
        onChange={pickActivity}
        options={options}
        testId="inspector-activity"
      />
      {activity && <p className="muted">{activity.description}</p>}
      {activity && (
        <fieldset>
          <legend>Inputs (json-logic, e.g. {'{"var": "orderId"}'})</legend>
          {Object.entries(activity.inputs).map(([field, spec]) => (
            <JsonField
              key={`${content.activity}-${field}`}
              label={`${field} · ${spec.type}${spec.required ? ' · required' : ''}`}
              value={inputs[field]}
              compact
              onChange={(rule) =>
                onChange({
                  ...content,
                  inputs:
                    rule === undefined ? without(inputs, field) : { ...inputs, [field]: rule },
                })
              }
              testId={`inspector-input-${field}`}
              hint={spec.description}
            />
          ))}
        </fieldset>
      )}
      <TextField
        label="Result variable"
        value={content.resultVariable ?? ''}
        onChange={(name) =>
          onChange(name ? { ...content, resultVariable: name } : without(content, 'resultVariable'))
        }
        testId="inspector-result-variable"
      />
      <NumberField
        label="Timeout (seconds)"
        value={content.timeoutSeconds}
        onChange={(seconds) => onChange({ ...content, timeoutSeconds: seconds ?? 0 })}
        testId="inspector-timeout"
      />
      <CheckboxField
        label="Custom retry policy"
        value={retry !== undefined}
        onChange={(on) =>
          onChange(on ? { ...content, retry: DEFAULT_RETRY } : without(content, 'retry'))
        }
        testId="inspector-retry"
      />
      {retry && (
        <div className="grid-2">
          <NumberField
            label="Maximum attempts"
            value={retry.maximumAttempts}
            onChange={(n) => setRetry({ maximumAttempts: n ?? 1 })}
            testId="inspector-retry-attempts"
          />
          <NumberField
            label="Initial interval (s)"
            value={retry.initialIntervalSeconds}
            onChange={(n) => setRetry({ initialIntervalSeconds: n ?? 1 })}
            testId="inspector-retry-initial"
          />
          <NumberField
            label="Backoff coefficient"
            value={retry.backoffCoefficient}
            onChange={(n) => setRetry({ backoffCoefficient: n ?? 1 })}
            testId="inspector-retry-backoff"
          />
          <NumberField
            label="Maximum interval (s)"
            value={retry.maximumIntervalSeconds}
            onChange={(n) => setRetry({ maximumIntervalSeconds: n ?? 1 })}
            testId="inspector-retry-maximum"
          />
        </div>
      )}
      <p className="muted">Connect the "error" exit to handle a failure after the last retry.</p>
    </>
  );
}
