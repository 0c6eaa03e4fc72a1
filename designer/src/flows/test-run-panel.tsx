import { useState } from 'react';
import type { JsonValue } from '#flow-language';
import type { TestRunResult } from './flows-api.ts';
import { JsonField } from './inspector/fields.tsx';
import type { ApprovalVerdict, TestRunScenario } from './test-run-sample.ts';

interface TestRunPanelProps {
  initial: TestRunScenario;
  result: TestRunResult | undefined;
  error: string | undefined;
  running: boolean;
  onRun(scenario: TestRunScenario): void;
}

const VERDICTS: ApprovalVerdict[] = ['approved', 'rejected', 'timeout'];

/** A dry run on sample data: side effects never run; the path taken is drawn on the canvas. */
export function TestRunPanel({ initial, result, error, running, onRun }: TestRunPanelProps) {
  const [scenario, setScenario] = useState(initial);
  const setCaseInput = (value: JsonValue | undefined) =>
    setScenario({ ...scenario, caseInput: (value ?? {}) as TestRunScenario['caseInput'] });
  return (
    <section className="test-run" data-testid="test-run-panel" aria-label="Test run">
      <h3>Test run</h3>
      <JsonField
        label="Case input"
        value={scenario.caseInput}
        onChange={setCaseInput}
        testId="test-run-input"
        rows={5}
      />
      {Object.keys(scenario.activityResults).map((nodeId) => (
        <JsonField
          key={nodeId}
          label={`Result of ${nodeId}`}
          compact
          value={scenario.activityResults[nodeId]}
          onChange={(value) =>
            setScenario({
              ...scenario,
              activityResults: { ...scenario.activityResults, [nodeId]: value ?? {} },
            })
          }
          testId={`test-run-result-${nodeId}`}
        />
      ))}
      {Object.entries(scenario.approvals).map(([nodeId, verdict]) => (
        <label key={nodeId} className="field">
          Verdict of {nodeId}
          <select
            value={verdict}
            onChange={(e) =>
              setScenario({
                ...scenario,
                approvals: { ...scenario.approvals, [nodeId]: e.target.value as ApprovalVerdict },
              })
            }
            data-testid={`test-run-approval-${nodeId}`}
          >
            {VERDICTS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
      ))}
      <button
        type="button"
        disabled={running}
        onClick={() => onRun(scenario)}
        data-testid="test-run-start"
      >
        {running ? 'Running…' : 'Run test'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="test-run-result">
          <p>
            Path: {result.nodeIds.join(' → ')}
            {result.outcome && <strong> · outcome {result.outcome}</strong>}
          </p>
          <table className="dense">
            <thead>
              <tr>
                <th>Node</th>
                <th>Rule</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {result.rules.map((rule) => (
                <tr
                  key={`${rule.nodeId} ${rule.caseId ?? 'condition'}`}
                  data-testid={`test-run-rule-${rule.nodeId}`}
                >
                  <td>{rule.nodeId}</td>
                  <td>{rule.caseId ?? 'condition'}</td>
                  <td>{rule.error ? `error: ${rule.error}` : JSON.stringify(rule.result)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
