import { useMemo, useState } from 'react';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import type { JsonValue } from '#flow-language';
import { queryToRule, type RuleField, ruleToQuery } from '../rule-fields.ts';
import { JsonField } from './fields.tsx';

interface RuleEditorProps {
  label: string;
  rule: JsonValue | undefined;
  fields: RuleField[];
  onChange(rule: JsonValue): void;
  testId: string;
}

const CONTROL_CLASSNAMES = { queryBuilder: 'rule-builder' };

/** json-logic edited visually (react-querybuilder) or as raw JSON; both write the same rule. */
export function RuleEditor({ label, rule, fields, onChange, testId }: RuleEditorProps) {
  const parsed = useMemo(() => ruleToQuery(rule, fields), [rule, fields]);
  const [tab, setTab] = useState<'visual' | 'json'>(parsed.ok ? 'visual' : 'json');
  const [query, setQuery] = useState<RuleGroupType | undefined>(
    parsed.ok ? parsed.query : undefined,
  );

  function changeQuery(next: RuleGroupType) {
    setQuery(next);
    onChange(queryToRule(next, fields));
  }

  function changeJson(next: JsonValue | undefined) {
    if (next === undefined) return;
    onChange(next);
    const again = ruleToQuery(next, fields);
    setQuery(again.ok ? again.query : undefined);
  }

  const visualQuery = query ?? (parsed.ok ? parsed.query : undefined);
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
          Visual
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
        (visualQuery ? (
          <QueryBuilder
            fields={fields}
            query={visualQuery}
            onQueryChange={changeQuery}
            controlClassnames={CONTROL_CLASSNAMES}
          />
        ) : (
          <p className="muted">
            This rule uses operators the visual builder cannot show; edit it as JSON.
          </p>
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
