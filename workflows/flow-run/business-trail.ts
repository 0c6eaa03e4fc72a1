import type { TrailEvent, TrailEventType } from './types.ts';

/**
 * The run's business trail. Times come from the workflow clock (Date.now() is replay-safe
 * inside workflows), so replaying a history rebuilds exactly the same trail.
 */
export class BusinessTrail {
  private readonly events: TrailEvent[] = [];

  constructor(private nextSequence = 1) {}

  record(type: TrailEventType, fields: Omit<TrailEvent, 'sequence' | 'at' | 'type'> = {}): void {
    this.events.push({
      sequence: this.nextSequence++,
      at: new Date().toISOString(),
      type,
      ...fields,
    });
  }

  all(): TrailEvent[] {
    return this.events;
  }

  get sequence(): number {
    return this.nextSequence;
  }
}
