export { systemCheck } from './system-check.ts';
