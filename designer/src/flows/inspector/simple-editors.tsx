import { useState } from 'react';
import type { JsonValue } from '#flow-language';
import { JsonField, NumberField, SelectField, TextField, without } from './fields.tsx';
import type { NodeEditorProps } from './node-editor-props.ts';
import { RuleEditor } from './rule-editor.tsx';

export function WaitEditor({ nodeId, content, onChange, fields }: NodeEditorProps<'wait'>) {
  const byDate = content.untilExpression !== undefined;
  return (
    <>
      <SelectField
        label="Wait"
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
          label="Until (json-logic giving an ISO-8601 UTC date-time)"
          value={content.untilExpression}
          onChange={(rule) => rule !== undefined && onChange({ ...content, untilExpression: rule })}
          testId="inspector-wait-until"
          hint={`Fields: ${fields.map((f) => f.name).join(', ')}`}
        />
      ) : (
        <NumberField
          label="Duration (seconds)"
          value={content.durationSeconds}
          onChange={(n) => onChange({ ...content, durationSeconds: n ?? 0 })}
          testId="inspector-wait-duration"
        />
      )}
    </>
  );
}

export function SetEditor({ nodeId, content, onChange, fields }: NodeEditorProps<'set'>) {
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
            Remove {variable}
          </button>
        </div>
      ))}
      <div className="row">
        <TextField
          label="Variable"
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
          Add assignment
        </button>
      </div>
    </>
  );
}

export function EndEditor({ content, onChange }: NodeEditorProps<'end'>) {
  return (
    <TextField
      label="Outcome"
      value={content.outcome}
      onChange={(outcome) => onChange({ ...content, outcome })}
      testId="inspector-outcome"
      hint='Lowercase, e.g. "refunded" or "rejected"; reported in metrics.'
    />
  );
}

export function JoinEditor({ content, onChange }: NodeEditorProps<'join'>) {
  return (
    <SelectField
      label="Continue when"
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
  return (
    <>
      <TextField
        label="Flow key"
        value={content.flowKey}
        onChange={(flowKey) => onChange({ ...content, flowKey })}
        testId="inspector-subflow-key"
      />
      <NumberField
        label="Pinned version (empty = latest published)"
        value={content.version}
        onChange={(version) =>
          onChange(version ? { ...content, version } : without(content, 'version'))
        }
        testId="inspector-subflow-version"
      />
      <JsonField
        key={nodeId}
        label="Inputs (name → json-logic)"
        value={content.inputs ?? {}}
        onChange={(inputs) =>
          onChange({ ...content, inputs: (inputs ?? {}) as Record<string, JsonValue> })
        }
        testId="inspector-subflow-inputs"
      />
      <TextField
        label="Result variable"
        value={content.resultVariable ?? ''}
        onChange={(name) =>
          onChange(name ? { ...content, resultVariable: name } : without(content, 'resultVariable'))
        }
        testId="inspector-result-variable"
      />
    </>
  );
}
