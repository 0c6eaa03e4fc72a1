import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';

export interface SystemCheckRecord {
  _id: string;
  attemptsStarted: number[];
  completedAt?: Date;
  completedByAttempt?: number;
}

const systemCheckSchema = new Schema<SystemCheckRecord>(
  {
    _id: { type: String, required: true },
    attemptsStarted: { type: [Number], default: [] },
    completedAt: Date,
    completedByAttempt: Number,
  },
  { collection: 'system_checks', versionKey: false },
);

export function systemCheckModel(connection: Connection) {
  return recordModel<SystemCheckRecord>(connection, 'SystemCheck', systemCheckSchema);
}
