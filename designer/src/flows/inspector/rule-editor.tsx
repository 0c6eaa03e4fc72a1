import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import type { JsonValue } from '#flow-language';
import {
  queryBuilderCombinators,
  queryBuilderOperators,
  queryBuilderTranslations,
} from '../../i18n/query-builder-words.ts';
import { type BuilderRule, fromBuilder, representExactly, sameRule } from '../rule-conversion.ts';
import type { RuleField } from '../rule-fields.ts';
import { JsonField } from './fields.tsx';
import { RuleValueEditor } from './rule-value-editor.tsx';

interface RuleEditorProps {
  label: string;
  rule: JsonValue | undefined;
  fields: RuleField[];
  onChange(rule: JsonValue): void;
  testId: string;
}

const CONTROL_CLASSNAMES = { queryBuilder: 'rule-builder' };
const CONTROL_ELEMENTS = { valueEditor: RuleValueEditor };

/** The builder's own state while the admin edits, with the rule it wrote. */
interface Editing {
  builder: BuilderRule;
  rule: JsonValue;
}

/**
 * json-logic edited visually (react-querybuilder) or as raw JSON. The rule is written only when
 * the admin changes it: opening or selecting never writes, and a rule the builder cannot draw
 * exactly is shown read-only in the visual tab, so nothing it cannot show is ever dropped.
 */
export function RuleEditor({ label, rule, fields, onChange, testId }: RuleEditorProps) {
  const { t } = useTranslation();
  const drawn = useMemo(() => representExactly(rule, fields), [rule, fields]);
  const [tab, setTab] = useState<'visual' | 'json'>('visual');
  const [editing, setEditing] = useState<Editing>();
  // Kept while it still stands for the rule; an undo or a JSON edit redraws from the rule.
  const builder =
    editing && sameRule(editing.rule, rule)
      ? editing.builder
      : drawn.ok
        ? drawn.builder
        : undefined;

  function changeQuery(query: RuleGroupType) {
    if (!builder) return;
    const next = { ...builder, query };
    const written = fromBuilder(next, fields);
    setEditing({ builder: next, rule: written });
    if (!sameRule(written, rule)) onChange(written);
  }

  function changeJson(next: JsonValue | undefined) {
    if (next !== undefined && !sameRule(next, rule)) onChange(next);
  }

  return (
    <fieldset className="rule-editor" data-testid={testId}>
      <legend>{label}</legend>
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'visual'}
          onClick={() => setTab('visual')}
          data-testid={`${testId}-visual-tab`}
        >
          {t('inspector.visual')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'json'}
          onClick={() => setTab('json')}
          data-testid={`${testId}-json-tab`}
        >
          JSON
        </button>
      </div>
      {tab === 'visual' &&
        (builder ? (
          <QueryBuilder
            fields={fields}
            query={builder.query}
            onQueryChange={changeQuery}
            enableMountQueryChange={false}
            controlClassnames={CONTROL_CLASSNAMES}
            controlElements={CONTROL_ELEMENTS}
            translations={queryBuilderTranslations()}
            combinators={queryBuilderCombinators()}
            operators={queryBuilderOperators()}
          />
        ) : (
          <ReadOnlyRule
            rule={rule}
            reason={drawn.ok ? undefined : drawn.reason}
            onEditJson={() => setTab('json')}
            testId={testId}
          />
        ))}
      {tab === 'json' && (
        <JsonField
          label="json-logic"
          value={rule}
          onChange={changeJson}
          testId={`${testId}-json`}
          rows={6}
        />
      )}
    </fieldset>
  );
}

interface ReadOnlyRuleProps {
  rule: JsonValue | undefined;
  reason: string | undefined;
  onEditJson(): void;
  testId: string;
}

function ReadOnlyRule({ rule, reason, onEditJson, testId }: ReadOnlyRuleProps) {
  const { t } = useTranslation();
  return (
    <div className="rule-read-only" data-testid={`${testId}-read-only`}>
      <p className="muted">
        {reason ? t('inspector.cannotDrawBecause', { reason }) : t('inspector.cannotDraw')}
      </p>
      <pre>{JSON.stringify(rule, null, 2)}</pre>
      <button type="button" onClick={onEditJson} data-testid={`${testId}-edit-json`}>
        {t('inspector.editAsJson')}
      </button>
    </div>
  );
}
