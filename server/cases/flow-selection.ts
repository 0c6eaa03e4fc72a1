// Flow selection is shared with the worker's intake; the API keeps importing it from here.
export { type CaseScope, NoFlowForCase, selectFlow } from '#platform/case-start/flow-selection';
