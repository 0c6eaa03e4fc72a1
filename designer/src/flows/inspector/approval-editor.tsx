import { useTranslation } from 'react-i18next';
import { FORM_FIELD_TYPES, type FormField } from '#flow-language';
import { AssigneeEditor } from './assignee-editor.tsx';
import {
  CheckboxField,
  JsonField,
  NumberField,
  SelectField,
  TextField,
  without,
} from './fields.tsx';
import type { NodeEditorProps } from './node-editor-props.ts';

type FormFieldDraft = Omit<FormField, 'required'> & { required?: boolean };

const TYPE_OPTIONS = FORM_FIELD_TYPES.map((type) => ({ value: type, label: type }));

function FormFieldsEditor({
  form,
  onChange,
}: {
  form: FormFieldDraft[];
  onChange(form: FormFieldDraft[]): void;
}) {
  const { t } = useTranslation();
  const setField = (index: number, field: FormFieldDraft) =>
    onChange(form.map((f, i) => (i === index ? field : f)));
  return (
    <fieldset>
      <legend>{t('inspector.formFields')}</legend>
      {form.map((field, index) => (
        <div
          className="form-field-row"
          // biome-ignore lint/suspicious/noArrayIndexKey: a key from the name would remount the row, and lose focus, on every keystroke of a rename
          key={index}
          data-testid={`inspector-form-${index}`}
        >
          <TextField
            label={t('inspector.name')}
            value={field.name}
            onChange={(name) => setField(index, { ...field, name })}
            testId={`inspector-form-${index}-name`}
          />
          <TextField
            label={t('inspector.label')}
            value={field.label}
            onChange={(label) => setField(index, { ...field, label })}
            testId={`inspector-form-${index}-label`}
          />
          <SelectField
            label={t('inspector.type')}
            value={field.type}
            options={TYPE_OPTIONS}
            onChange={(type) => {
              const typed = { ...without(field, 'options'), type: type as FormField['type'] };
              setField(
                index,
                type === 'select' ? { ...typed, options: field.options ?? ['yes', 'no'] } : typed,
              );
            }}
            testId={`inspector-form-${index}-type`}
          />
          {field.type === 'select' && (
            <TextField
              label={t('inspector.options')}
              value={(field.options ?? []).join(',')}
              onChange={(text) =>
                setField(index, {
                  ...field,
                  options: text
                    .split(',')
                    .map((o) => o.trim())
                    .filter(Boolean),
                })
              }
              testId={`inspector-form-${index}-options`}
            />
          )}
          <CheckboxField
            label={t('inspector.requiredField')}
            value={field.required ?? false}
            onChange={(required) => setField(index, { ...field, required })}
            testId={`inspector-form-${index}-required`}
          />
          <button type="button" onClick={() => onChange(form.filter((_, i) => i !== index))}>
            {t('inspector.removeField')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          onChange([
            ...form,
            {
              name: `field${form.length + 1}`,
              label: t('inspector.newFormFieldLabel'),
              type: 'text',
            },
          ])
        }
        data-testid="inspector-add-form-field"
      >
        {t('inspector.addFormField')}
      </button>
    </fieldset>
  );
}

export function ApprovalEditor({ content, onChange, fields }: NodeEditorProps<'approval'>) {
  const { t } = useTranslation();
  const sla = content.sla;
  return (
    <>
      <TextField
        label={t('inspector.taskTitle')}
        value={content.title}
        onChange={(title) => onChange({ ...content, title })}
        testId="inspector-approval-title"
      />
      <AssigneeEditor
        assignee={content.assignee}
        fields={fields}
        onChange={(assignee) => onChange({ ...content, assignee })}
      />
      <JsonField
        label={t('inspector.taskAmount')}
        value={content.amount}
        onChange={(amount) =>
          onChange(amount === undefined ? without(content, 'amount') : { ...content, amount })
        }
        testId="inspector-task-amount"
        hint={t('inspector.taskAmountHint')}
        compact
      />
      <JsonField
        label={t('inspector.taskAmountCurrency')}
        value={content.amountCurrency}
        onChange={(amountCurrency) =>
          onChange(
            amountCurrency === undefined
              ? without(content, 'amountCurrency')
              : { ...content, amountCurrency },
          )
        }
        testId="inspector-task-amount-currency"
        hint={t('inspector.taskAmountCurrencyHint')}
        compact
      />
      <NumberField
        label={t('inspector.approvalsNeeded')}
        value={content.approvalsRequired ?? 1}
        onChange={(n) => onChange({ ...content, approvalsRequired: n ?? 1 })}
        testId="inspector-approvals-required"
      />
      <CheckboxField
        label={t('inspector.requesterMayNot')}
        value={content.forbidRequester ?? true}
        onChange={(forbidRequester) => onChange({ ...content, forbidRequester })}
        testId="inspector-forbid-requester"
      />
      <CheckboxField
        label={t('inspector.sla')}
        value={sla !== undefined}
        onChange={(on) =>
          onChange(on ? { ...content, sla: { durationSeconds: 86400 } } : without(content, 'sla'))
        }
        testId="inspector-sla"
      />
      {sla && (
        <div className="grid-2">
          <NumberField
            label={t('inspector.slaSeconds')}
            value={sla.durationSeconds}
            onChange={(n) => onChange({ ...content, sla: { ...sla, durationSeconds: n ?? 0 } })}
            testId="inspector-sla-duration"
          />
          <TextField
            label={t('inspector.escalateTo')}
            value={sla.escalateToRole ?? ''}
            onChange={(role) =>
              onChange({
                ...content,
                sla: role ? { ...sla, escalateToRole: role } : without(sla, 'escalateToRole'),
              })
            }
            testId="inspector-sla-escalate"
            hint={t('inspector.escalateHint')}
          />
        </div>
      )}
      <TextField
        label={t('inspector.resultVariable')}
        value={content.resultVariable ?? ''}
        onChange={(name) =>
          onChange(name ? { ...content, resultVariable: name } : without(content, 'resultVariable'))
        }
        testId="inspector-result-variable"
      />
      <FormFieldsEditor
        form={content.form ?? []}
        onChange={(form) => onChange({ ...content, form })}
      />
    </>
  );
}
