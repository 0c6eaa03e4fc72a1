import type { FlowDefinition } from './schema.ts';

/**
 * The variables one path of execution sees. Parallel branches each get their own copy and
 * report what they assigned, so siblings never write into a shared object.
 */
export class Branch {
  readonly assigned = new Set<string>();
  /** Counts assignments, so what is derived from the variables can be reused until the next. */
  private revisionCount = 0;

  constructor(readonly variables: Record<string, unknown>) {}

  set(name: string, value: unknown): void {
    this.variables[name] = value;
    this.assigned.add(name);
    this.revisionCount += 1;
  }

  get revision(): number {
    return this.revisionCount;
  }

  fork(): Branch {
    // Variables are JSON (they travel in Temporal payloads), so a JSON copy is a deep copy.
    return new Branch(JSON.parse(JSON.stringify(this.variables)));
  }
}

/** Every declared variable at its initial value (null when none is declared). */
export function initialVariables(flow: FlowDefinition): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(flow.variables).map(([name, spec]) => [name, spec.initial ?? null]),
  );
}
