import { type Connection, Schema } from 'mongoose';

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
  return connection.model<SystemCheckRecord>('SystemCheck', systemCheckSchema, undefined, {
    overwriteModels: true,
  });
}
