import type { Branch } from '../../../flow-language/branch.ts';
import type { TestRunSample } from '../../../flow-language/simulation/sample.ts';
import { type SimulatedRule, SimulationStopped } from '../../../flow-language/simulation/trace.ts';
import { buildRuleData, evaluateRule, type RuleResult, ruleReads } from './frozen-rules.ts';

/** Evaluates rules exactly as the interpreter does, keeping each with what it read and gave. */
export class SimulatedRules {
  readonly all: SimulatedRule[] = [];

  constructor(private readonly sample: TestRunSample) {}

  /** The rule's value; a rule that cannot be evaluated stops the run, as it fails a case. */
  evaluate(nodeId: string, rule: unknown, purpose: string, branch: Branch): unknown {
    const result = this.traced(nodeId, rule, purpose, branch);
    if (!result.ok) throw new SimulationStopped(nodeId, result.error.message);
    return result.value;
  }

  mapInputs(nodeId: string, mappings: Record<string, unknown>, branch: Branch): void {
    for (const [name, rule] of Object.entries(mappings)) {
      const result = this.traced(nodeId, rule, `input ${name}`, branch);
      if (!result.ok) {
        throw new SimulationStopped(nodeId, `input "${name}": ${result.error.message}`);
      }
    }
  }

  private traced(nodeId: string, rule: unknown, purpose: string, branch: Branch): RuleResult {
    const data = buildRuleData({
      input: this.sample.caseInput,
      variables: branch.variables,
      context: this.sample.caseContext,
    });
    const result = evaluateRule(rule, data);
    const read = ruleReads(rule, data);
    this.all.push(
      result.ok
        ? { nodeId, purpose, rule, read, ok: true, result: result.value }
        : { nodeId, purpose, rule, read, ok: false, error: result.error.message },
    );
    return result;
  }
}
