import type { Connection } from 'mongoose';
import { trusted } from 'mongoose';
import { caseModel } from '#platform/cases/case-record';

export const INTAKE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface FlowIntake {
  key: string;
  days: number;
  /** Cases the flow took in those days, from the case records. */
  cases: number;
  /** The same per day, to one decimal. */
  perDay: number;
}

/** How many cases a flow takes: what archiving it would turn away (asked before archiving). */
export async function flowIntake(
  connection: Connection,
  key: string,
  now = new Date(),
): Promise<FlowIntake> {
  const since = new Date(now.getTime() - INTAKE_DAYS * DAY_MS);
  const cases = await caseModel(connection).countDocuments({
    flowKey: String(key),
    submittedAt: trusted({ $gte: since }),
  });
  return { key, days: INTAKE_DAYS, cases, perDay: Math.round((cases / INTAKE_DAYS) * 10) / 10 };
}

/** Whether any case ever ran under the flow: then a change to it is backtested first. */
export async function hasPastCases(connection: Connection, key: string): Promise<boolean> {
  return (await caseModel(connection).exists({ flowKey: String(key) })) !== null;
}

export async function pastCaseCount(connection: Connection, key: string): Promise<number> {
  return caseModel(connection).countDocuments({ flowKey: String(key) });
}
