import { type Connection, trusted } from 'mongoose';
import { isDuplicateKey } from '#platform/database';
import { StoreError } from '../store-system.ts';
import { type AccountLedger, accountLedger } from './account-ledger.ts';
import {
  type Counters,
  type MovementKind,
  type MovementLeg,
  type MovementRecord,
  type MovementState,
  movementModel,
} from './ledger-records.ts';

export interface MovementPlan {
  _id: string;
  kind: MovementKind;
  legs: MovementLeg[];
  /** `request` is compared on a retry; the rest is context for people reading the ledger. */
  details: { request: Record<string, unknown> } & Record<string, unknown>;
}

export interface SettledMovement {
  movement: MovementRecord;
  state: Exclude<MovementState, 'pending'>;
  /** Balance of each leg's account right after this movement. */
  balances: Record<string, Counters>;
}

/**
 * A movement is recorded first (its intent, under a unique id), then applied leg by leg to the
 * account ledger, each leg once per movement. A crash anywhere is finished by running the
 * same id again. Only the first leg may take anything away, so it alone decides the fate:
 * rejected there, nothing else was touched and nothing needs compensating.
 */
export function movementLedger(
  connection: Connection,
  ledger: AccountLedger = accountLedger(connection),
) {
  const Movement = movementModel(connection);

  async function record(plan: MovementPlan): Promise<MovementRecord> {
    assertOnlyFirstLegDebits(plan);
    try {
      return (
        await Movement.create({ ...plan, state: 'pending', createdAt: new Date() })
      ).toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const existing = await recorded(plan._id, plan.details.request);
    if (!existing) throw new Error(`movement ${plan._id} vanished`);
    return existing;
  }

  /** The movement recorded under this id, if any; an id reused for another request is refused. */
  async function recorded(movementId: string, request: Record<string, unknown>) {
    const existing = await Movement.findById(movementId).lean();
    if (existing && stableJson(existing.details.request) !== stableJson(request)) {
      throw new StoreError('conflict', `${movementId} was already used for a different request`);
    }
    return existing ?? undefined;
  }

  async function settle(movement: MovementRecord): Promise<SettledMovement> {
    const balances: Record<string, Counters> = {};
    for (const [index, leg] of movement.legs.entries()) {
      const entry = await ledger.append(movement._id, leg);
      balances[leg.account] = entry.balance;
      if (index === 0 && entry.rejected) return mark(movement, 'rejected', balances);
    }
    return mark(movement, 'applied', balances);
  }

  // Every writer derives the same state from the same first entry, so a plain $set is safe
  // even where concurrent updates are not atomic.
  async function mark(
    movement: MovementRecord,
    state: SettledMovement['state'],
    balances: Record<string, Counters>,
  ) {
    if (movement.state !== state) {
      await Movement.updateOne({ _id: movement._id }, { $set: { state, settledAt: new Date() } });
    }
    return { movement: { ...movement, state }, state, balances };
  }

  return {
    ready: ledger.ready,
    run: async (plan: MovementPlan) => settle(await record(plan)),
    /**
     * Finishes a movement already recorded under this id (a retry), or returns undefined. Plans
     * that depend on current balances (which line to grade) must come from the first attempt.
     */
    async resume(movementId: string, request: Record<string, unknown>) {
      const existing = await recorded(movementId, request);
      return existing && settle(existing);
    },
    find: (movementId: string) => Movement.findById(movementId).lean(),
    /**
     * For a periodic sweep: finishes movements whose first leg is in the ledger but whose
     * activity gave up before the rest. One whose first leg never landed is left alone: its
     * flow saw the step fail, and stock must not move behind its back.
     */
    async resumePending(olderThan: Date): Promise<number> {
      const stuck = await Movement.find({
        state: 'pending',
        createdAt: trusted({ $lt: olderThan }),
      }).lean();
      let finished = 0;
      for (const movement of stuck) {
        const first = movement.legs[0];
        if (!first || !(await ledger.entryOf(movement._id, first.account))) continue;
        await settle(movement);
        finished += 1;
      }
      return finished;
    },
  };
}

export type MovementLedger = ReturnType<typeof movementLedger>;

function assertOnlyFirstLegDebits(plan: MovementPlan): void {
  const accounts = new Set(plan.legs.map((leg) => leg.account));
  if (accounts.size !== plan.legs.length) throw new Error(`${plan._id}: one leg per account`);
  const laterDebit = plan.legs.slice(1).some((leg) => Object.values(leg.delta).some((n) => n < 0));
  if (laterDebit) throw new Error(`${plan._id}: only the first leg may take stock away`);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
