/** The workflow bundle of the engine benchmarks: the interpreter and its hand-written baseline. */
export * from '../../workflows/index.ts';
export { plainRefund } from './plain-refund.ts';
