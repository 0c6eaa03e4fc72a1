import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonValue } from '#flow-language';
import { JsonField, NumberField, SelectField, TextField, without } from './fields.tsx';
import type { NodeEditorProps } from './node-editor-props.ts';
import { RuleEditor } from './rule-editor.tsx';

export function WaitEditor({ nodeId, content, onChange, fields }: NodeEditorProps<'wait'>) {
  const { t } = useTranslation();
  const byDate = content.untilExpression !== undefined;
  return (
    <>
      <SelectField
        label={t('inspector.wait')}
        value={byDate ? 'until' : 'duration'}
        options={[
          { value: 'duration', label: 'for a duration' },
          { value: 'until', label: 'until a date (expression)' },
        ]}
        onChange={(mode) =>
          onChange(
            mode === 'until'
              ? {
                  ...without(content, 'durationSeconds'),
                  untilExpression: { var: 'case.startedAt' },
                }
              : { ...without(content, 'untilExpression'), durationSeconds: 3600 },
          )
        }
        testId="inspector-wait-mode"
      />
      {byDate ? (
        <JsonField
          key={nodeId}
          label={t('inspector.until')}
          value={content.untilExpression}
          onChange={(rule) => rule !== undefined && onChange({ ...content, untilExpression: rule })}
          testId="inspector-wait-until"
          hint={t('inspector.fieldsHint', { fields: fields.map((f) => f.name).join(', ') })}
        />
      ) : (
        <NumberField
          label={t('inspector.duration')}
          value={content.durationSeconds}
          onChange={(n) => onChange({ ...content, durationSeconds: n ?? 0 })}
          testId="inspector-wait-duration"
        />
      )}
    </>
  );
}

export function SetEditor({ nodeId, content, onChange, fields }: NodeEditorProps<'set'>) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const assignments = content.assignments;
  return (
    <>
      {Object.entries(assignments).map(([variable, rule]) => (
        <div key={`${nodeId}-${variable}`} className="assignment">
          <RuleEditor
            label={`${variable} =`}
            rule={rule}
            fields={fields}
            onChange={(next: JsonValue) =>
              onChange({ ...content, assignments: { ...assignments, [variable]: next } })
            }
            testId={`inspector-assign-${variable}`}
          />
          <button
            type="button"
            onClick={() => onChange({ ...content, assignments: without(assignments, variable) })}
          >
            {t('inspector.removeVariable', { variable })}
          </button>
        </div>
      ))}
      <div className="row">
        <TextField
          label={t('inspector.variable')}
          value={name}
          onChange={setName}
          testId="inspector-assign-name"
        />
        <button
          type="button"
          disabled={!name}
          onClick={() => {
            onChange({ ...content, assignments: { ...assignments, [name]: null } });
            setName('');
          }}
          data-testid="inspector-add-assignment"
        >
          {t('inspector.addAssignment')}
        </button>
      </div>
    </>
  );
}

export function EndEditor({ content, onChange }: NodeEditorProps<'end'>) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('inspector.outcome')}
      value={content.outcome}
      onChange={(outcome) => onChange({ ...content, outcome })}
      testId="inspector-outcome"
      hint={t('inspector.outcomeHint')}
    />
  );
}

export function JoinEditor({ content, onChange }: NodeEditorProps<'join'>) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('inspector.continueWhen')}
      value={content.mode ?? 'all'}
      options={[
        { value: 'all', label: 'all branches arrived' },
        { value: 'first', label: 'the first branch arrives' },
      ]}
      onChange={(mode) => onChange({ ...content, mode: mode as 'all' | 'first' })}
      testId="inspector-join-mode"
    />
  );
}

export function SubflowEditor({ nodeId, content, onChange }: NodeEditorProps<'subflow'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('inspector.flowKey')}
        value={content.flowKey}
        onChange={(flowKey) => onChange({ ...content, flowKey })}
        testId="inspector-subflow-key"
      />
      <NumberField
        label={t('inspector.pinnedVersion')}
        value={content.version}
        onChange={(version) =>
          onChange(version ? { ...content, version } : without(content, 'version'))
        }
        testId="inspector-subflow-version"
      />
      <JsonField
        key={nodeId}
        label={t('inspector.subflowInputs')}
        value={content.inputs ?? {}}
        onChange={(inputs) =>
          onChange({ ...content, inputs: (inputs ?? {}) as Record<string, JsonValue> })
        }
        testId="inspector-subflow-inputs"
      />
      <TextField
        label={t('inspector.resultVariable')}
        value={content.resultVariable ?? ''}
        onChange={(name) =>
          onChange(name ? { ...content, resultVariable: name } : without(content, 'resultVariable'))
        }
        testId="inspector-result-variable"
      />
    </>
  );
}
