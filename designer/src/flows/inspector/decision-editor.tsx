import { useTranslation } from 'react-i18next';
import type { DecisionCase, JsonValue } from '#flow-language';
import { nextCaseId } from '../element-ids.ts';
import { TextField, without } from './fields.tsx';
import type { NodeEditorProps } from './node-editor-props.ts';
import { RuleEditor } from './rule-editor.tsx';

type Case = DecisionCase;

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

/** A decision is a true/false condition, or ordered cases where the first match wins. */
export function DecisionEditor({ nodeId, content, onChange, fields }: NodeEditorProps<'decision'>) {
  const { t } = useTranslation();
  const cases = content.cases;
  // Switching modes carries the wiring over: true becomes the first case, false the default.
  const switchToCases = () =>
    onChange(
      {
        ...without(content, 'condition'),
        cases: [{ id: 'case_1', when: content.condition ?? true }],
      },
      { true: 'case_1', false: 'default' },
    );
  const switchToCondition = () => {
    const first = cases?.[0]?.id ?? 'case_1';
    onChange(
      { ...without(content, 'cases'), condition: cases?.[0]?.when ?? true },
      { [first]: 'true', default: 'false' },
    );
  };
  const setCases = (next: Case[]) => onChange({ ...content, cases: next });
  const setCase = (index: number, patch: Partial<Case>) =>
    setCases((cases ?? []).map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const renameCase = (index: number, id: string) => {
    const old = cases?.[index]?.id;
    const next = (cases ?? []).map((c, i) => (i === index ? { ...c, id } : c));
    onChange({ ...content, cases: next }, old ? { [old]: id } : {});
  };

  if (!cases) {
    return (
      <>
        <RuleEditor
          key={`${nodeId}-condition`}
          label={t('inspector.condition')}
          rule={content.condition}
          fields={fields}
          onChange={(condition: JsonValue) => onChange({ ...content, condition })}
          testId="inspector-condition"
        />
        <button type="button" onClick={switchToCases} data-testid="inspector-use-cases">
          {t('inspector.useCases')}
        </button>
      </>
    );
  }
  return (
    <>
      <p className="muted">{t('inspector.casesHint')}</p>
      <ol className="case-list">
        {cases.map((c, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: keyed by id, renaming a case would remount it and lose focus on every keystroke
          <li key={index} data-testid={`inspector-case-${index}`}>
            <div className="row">
              <TextField
                label={t('inspector.exitId')}
                value={c.id}
                onChange={(id) => renameCase(index, id)}
                testId={`inspector-case-${index}-id`}
              />
              <TextField
                label={t('inspector.label')}
                value={c.label ?? ''}
                onChange={(label) => setCase(index, { label: label || undefined })}
                testId={`inspector-case-${index}-label`}
              />
            </div>
            <RuleEditor
              key={`${nodeId}-${c.id}`}
              label={t('inspector.whenCase', { n: index + 1 })}
              rule={c.when}
              fields={fields}
              onChange={(when: JsonValue) => setCase(index, { when })}
              testId={`inspector-case-${index}-rule`}
            />
            <div className="row">
              <button
                type="button"
                disabled={index === 0}
                onClick={() => setCases(move(cases, index, index - 1))}
              >
                {t('inspector.moveUp')}
              </button>
              <button
                type="button"
                disabled={index === cases.length - 1}
                onClick={() => setCases(move(cases, index, index + 1))}
              >
                {t('inspector.moveDown')}
              </button>
              <button
                type="button"
                disabled={cases.length === 1}
                onClick={() => setCases(cases.filter((_, i) => i !== index))}
              >
                {t('inspector.removeCase')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="row">
        <button
          type="button"
          onClick={() => setCases([...cases, { id: nextCaseId(cases), when: true }])}
          data-testid="inspector-add-case"
        >
          {t('inspector.addCase')}
        </button>
        <button type="button" onClick={switchToCondition}>
          {t('inspector.useCondition')}
        </button>
      </div>
    </>
  );
}
