import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type JsonValue, SAMPLE_VERDICTS } from '#flow-language';
import type { TestRunResult } from './flows-api.ts';
import { JsonField } from './inspector/fields.tsx';
import { amountsIn, caseCurrency, displayValue } from './rule-money.ts';
import { rulePurposeText } from './rule-purpose-words.ts';
import type { ApprovalVerdict, TestRunScenario } from './test-run-sample.ts';

interface TestRunPanelProps {
  initial: TestRunScenario;
  result: TestRunResult | undefined;
  error: string | undefined;
  running: boolean;
  onRun(scenario: TestRunScenario): void;
}

type ActionAnswer = TestRunScenario['actions'][string];

/** A rule's answer as people read it: an amount it computed in cents shows in units. */
function resultText(purpose: string, result: unknown, currency: string | undefined): string {
  return typeof result === 'string'
    ? JSON.stringify(result)
    : displayValue(purpose, result, currency);
}

/** The cents in a sample answer, read back in the currency's units so a typo in zeros shows. */
function AmountsHint({ value, currency }: { value: unknown; currency: string | undefined }) {
  const amounts = amountsIn(value, '', currency);
  if (amounts.length === 0) return null;
  return <>{amounts.map(([path, amount]) => `${path} = ${amount}`).join(' · ')}</>;
}

function RunResult({ result, currency }: { result: TestRunResult; currency?: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="test-run-result">
      <p>
        {result.status === 'failed' ? t('flows.runFailed') : t('flows.runCompleted')}:{' '}
        {result.nodeIds.join(' → ')}
        {result.outcome && <strong> · {t('flows.outcome', { outcome: result.outcome })}</strong>}
        {result.error && <span className="field-error"> · {result.error}</span>}
      </p>
      <table className="dense">
        <thead>
          <tr>
            <th>{t('flows.node')}</th>
            <th>{t('flows.rule')}</th>
            <th>{t('flows.result')}</th>
          </tr>
        </thead>
        <tbody>
          {result.rules.map((rule) => (
            <tr key={`${rule.nodeId} ${rule.purpose}`} data-testid={`test-run-rule-${rule.nodeId}`}>
              <td>{rule.nodeId}</td>
              <td>{rulePurposeText(rule.purpose)}</td>
              <td>
                {rule.ok
                  ? resultText(rule.purpose, rule.result, currency)
                  : t('flows.ruleError', { error: rule.error ?? 'failed' })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The request takes each approval as a bare verdict or as `{verdict, form}`; the scenario keeps
 * verdicts, and the forms filled in here travel with them.
 */
function withForms(
  { forms: _sampled, ...scenario }: TestRunScenario,
  forms: Record<string, JsonValue>,
): TestRunScenario {
  const approvals = Object.fromEntries(
    Object.entries(scenario.approvals).map(([nodeId, verdict]) => {
      const form = forms[nodeId];
      const filled = form && typeof form === 'object' && Object.keys(form).length > 0;
      return [nodeId, filled ? { verdict, form } : verdict];
    }),
  );
  return { ...scenario, approvals } as TestRunScenario;
}

/** A dry run on sample data: nothing is called; the path taken is drawn on the canvas. */
export function TestRunPanel({ initial, result, error, running, onRun }: TestRunPanelProps) {
  const [scenario, setScenario] = useState(initial);
  const { t } = useTranslation();
  const setCaseInput = (value: JsonValue | undefined) =>
    setScenario({ ...scenario, caseInput: (value ?? {}) as TestRunScenario['caseInput'] });
  const setAction = (nodeId: string, value: JsonValue | undefined) =>
    setScenario({
      ...scenario,
      actions: { ...scenario.actions, [nodeId]: (value ?? { output: {} }) as ActionAnswer },
    });
  const setVerdict = (nodeId: string, verdict: ApprovalVerdict) =>
    setScenario({ ...scenario, approvals: { ...scenario.approvals, [nodeId]: verdict } });
  // What reviewers fill in: the flow may read it afterwards (a grade, a note).
  const [forms, setForms] = useState<Record<string, JsonValue>>(initial.forms ?? {});
  const run = () => onRun(withForms(scenario, forms));
  return (
    <section className="test-run" data-testid="test-run-panel" aria-label={t('flows.testRun')}>
      <h3>{t('flows.testRun')}</h3>
      <JsonField
        label={t('flows.caseInput')}
        value={scenario.caseInput}
        onChange={setCaseInput}
        testId="test-run-input"
        rows={5}
      />
      {Object.keys(scenario.actions).map((nodeId) => (
        <JsonField
          key={nodeId}
          label={t('flows.answerOf', { node: nodeId })}
          compact
          value={scenario.actions[nodeId] as JsonValue}
          onChange={(value) => setAction(nodeId, value)}
          testId={`test-run-result-${nodeId}`}
          hint={
            <AmountsHint
              value={scenario.actions[nodeId]}
              currency={caseCurrency(scenario.caseInput)}
            />
          }
        />
      ))}
      {Object.entries(scenario.approvals).map(([nodeId, verdict]) => (
        <label key={nodeId} className="field">
          {t('flows.verdictOf', { node: nodeId })}
          <select
            value={verdict}
            onChange={(e) => setVerdict(nodeId, e.target.value as ApprovalVerdict)}
            data-testid={`test-run-approval-${nodeId}`}
          >
            {SAMPLE_VERDICTS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
          <JsonField
            label={t('flows.formOf', { node: nodeId })}
            compact
            value={forms[nodeId] ?? {}}
            onChange={(value) => setForms({ ...forms, [nodeId]: value ?? {} })}
            testId={`test-run-form-${nodeId}`}
          />
        </label>
      ))}
      <button type="button" disabled={running} onClick={run} data-testid="test-run-start">
        {running ? t('flows.running') : t('flows.runTest')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && <RunResult result={result} currency={caseCurrency(scenario.caseInput)} />}
    </section>
  );
}
