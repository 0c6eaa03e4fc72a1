export { runFlow } from './flow-run/flow-run.ts';
export { systemCheck } from './system-check.ts';
