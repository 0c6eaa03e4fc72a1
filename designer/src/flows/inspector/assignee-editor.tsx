import { useTranslation } from 'react-i18next';
import { type Assignee, type JsonValue, routedStoreStaff } from '#flow-language';
import type { RuleField } from '../rule-fields.ts';
import { assigneeKind, routeVariable } from './assignee-kind.ts';
import { JsonField, SelectField, TextField } from './fields.tsx';

function named(assignee: Assignee): string {
  if ('role' in assignee) return assignee.role;
  return 'group' in assignee ? assignee.group : '';
}

/**
 * Who a task is for: a role, a named group, the staff of the store the return was routed to
 * (offered once the flow routes a return), or a group an expression computes from the run.
 */
export function AssigneeEditor({
  assignee,
  fields,
  onChange,
}: {
  assignee: Assignee;
  fields: RuleField[];
  onChange(assignee: Assignee): void;
}) {
  const { t } = useTranslation();
  const route = routeVariable(fields);
  const kind = assigneeKind(assignee, route);
  const options = [
    { value: 'role', label: t('inspector.role') },
    { value: 'group', label: t('inspector.group') },
    ...(route !== undefined || kind === 'routedStore'
      ? [{ value: 'routedStore', label: t('inspector.routedStoreStaff') }]
      : []),
    { value: 'groupFrom', label: t('inspector.groupFrom') },
  ];
  const choose = (next: string) => {
    if (next === 'role') onChange({ role: named(assignee) || 'reviewer' });
    else if (next === 'group') onChange({ group: named(assignee) || 'refund-reviewer' });
    else if (next === 'routedStore' && route !== undefined) onChange(routedStoreStaff(route));
    else onChange({ groupFrom: 'groupFrom' in assignee ? assignee.groupFrom : { var: '' } });
  };
  return (
    <div className="grid-2">
      <SelectField
        label={t('inspector.assignTo')}
        value={kind}
        options={options}
        onChange={choose}
        testId="inspector-assignee-kind"
      />
      {'groupFrom' in assignee ? (
        <JsonField
          label={t('inspector.groupExpression')}
          value={assignee.groupFrom}
          onChange={(rule: JsonValue | undefined) => onChange({ groupFrom: rule ?? '' })}
          testId="inspector-assignee-expression"
          hint={t('inspector.groupExpressionHint')}
          compact
        />
      ) : (
        <TextField
          label={kind === 'role' ? t('inspector.role') : t('inspector.group')}
          value={named(assignee)}
          onChange={(name) => onChange(kind === 'role' ? { role: name } : { group: name })}
          testId="inspector-assignee"
        />
      )}
    </div>
  );
}
