export { EMULATOR_CREDENTIALS, type LwaCredentials } from './auth.ts';
export { EMULATOR_SELLER_ID, spApiEmulatorEnv } from './client-env.ts';
export type { AmazonInitiatedKind, EmulatorControls, RecordedFeed } from './controls.ts';
export type { FaultRule, RequestLogEntry } from './faults.ts';
export { PAYMENT_ADJUSTMENT_FEED } from './feed-processor.ts';
export {
  FBA_RETURNS_REPORT,
  type FbaReturnRow,
  MFN_RETURNS_REPORT,
  type MfnReturnRow,
  type ReturnRequest,
} from './returns-reports.ts';
export { type ItemSketch, order } from './seed-builders.ts';
export { US_MARKETPLACE_ID } from './seed-orders.ts';
export {
  type SpApiEmulator,
  type SpApiEmulatorOptions,
  startSpApiEmulator,
} from './server.ts';
export type {
  AcknowledgementRecord,
  AdjustmentRecord,
  EmulatedOrder,
  FeedRecord,
  SentNotification,
} from './state.ts';
