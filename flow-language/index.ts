// Shared by the designer (browser), the API server and the Temporal workflow sandbox:
// pure code only, no Node built-ins, no I/O, no clocks or randomness. The walk (walk/) is async:
// what it awaits comes from the effects its caller hands it (Temporal, a sample case, a past case).

export {
  ACTIVITY_SYSTEMS,
  type ActivityCatalog,
  ActivityCatalogSchema,
  type ActivityDescriptor,
  ActivityDescriptorSchema,
  type ActivitySystem,
  ActivitySystemSchema,
  findActivity,
} from './activity-catalog.ts';
export {
  type AmazonFacts,
  type AmazonNews,
  AmazonNotices,
  type AmazonNotification,
  amazonFactsOfTrail,
  type NoticeVerdict,
} from './amazon-notices.ts';
export {
  backtestCase,
  type CaseBacktest,
  type CaseVerdict,
  type Divergence,
  NO_RECORDED_CURRENCY,
  type ReplayedCase,
  type RuleChange,
} from './backtest/backtest-case.ts';
export {
  BacktestEffects,
  BacktestFailed,
  NoRecordedAnswer,
  type UnknownKind,
} from './backtest/backtest-effects.ts';
export {
  addToSummary,
  type BacktestSummary,
  type BacktestTotals,
  emptyTotals,
  type MoneyDelta,
  type PeopleDelta,
  selfCheckFault,
} from './backtest/backtest-summary.ts';
export {
  CaseRecordIndex,
  type PastCase,
  type PastTrailEvent,
  type SubflowEnd,
  subflowCalls,
  subflowEnd,
} from './backtest/past-case.ts';
export {
  indexOfRecord,
  type PastCaseRecord,
  pastCaseRecord,
} from './backtest/past-case-record.ts';
export {
  UNKNOWN_ANSWER_CODES,
  UNKNOWN_ANSWER_MESSAGES_EN,
  type UnknownAnswer,
  type UnknownAnswerCode,
  unknownAnswerInEnglish,
} from './backtest/unknown-answers.ts';
export { Branch, initialVariables } from './branch.ts';
export { canonicalJson } from './canonical-json.ts';
export { validateCaseInput } from './case-input.ts';
export { contentHash, hashableFlow, semanticNode, type WithoutLayout } from './content-hash.ts';
export {
  AMAZON_CONTEXT_FIELDS,
  APPROVAL_RESULT_FIELDS,
  CASE_CONTEXT_FIELDS,
  CASE_CONTEXT_ROOT,
  type DataRoot,
  type DataRootSource,
  dataRoots,
  SUBFLOW_RESULT_FIELDS,
} from './data-scope.ts';
export { diffFlows, type ElementDiff, type FlowDiff } from './diff.ts';
export {
  changeInEnglish,
  DIMENSION_PARAM,
  FLOW_CHANGE_CODES,
  FLOW_CHANGE_MESSAGES_EN,
  type FlowChange,
  type FlowChangeCode,
  type FlowChangeParams,
  KIND_PARAMS,
} from './flow-changes.ts';
export { FlowGraph } from './flow-graph.ts';
export {
  edgeHandle,
  HANDLE,
  type HandleName,
  outgoingPorts,
  type PortContract,
} from './handles.ts';
export {
  type InputMapping,
  InputMappingSchema,
  isRecordMapping,
  type MappedRule,
  mappingRules,
  RECORD_KEY,
  type RecordMapping,
} from './input-mapping.ts';
export {
  describeNode,
  type FlowIssue,
  ISSUE,
  type IssueCode,
  NODE_KIND_TITLES,
} from './issues.ts';
export { MONEY_ACTIVITIES, movesMoney } from './money-steps.ts';
export {
  addMajorAmounts,
  amountAsMinorUnits,
  flowCurrency,
  majorAsMinorUnits,
  minorUnitDigits,
  minorUnitsAsAmount,
  minorUnitsAsMajor,
} from './money-units.ts';
export {
  type ActionNode,
  ActionNodeSchema,
  type ApprovalNode,
  ApprovalNodeSchema,
  type Assignee,
  AssigneeSchema,
  assigneeName,
  type DecisionCase,
  DecisionCaseSchema,
  type DecisionNode,
  DecisionNodeSchema,
  type EndNode,
  EndNodeSchema,
  type FlowNode,
  FlowNodeSchema,
  FORM_FIELD_TYPES,
  type FormField,
  FormFieldSchema,
  type JoinNode,
  JoinNodeSchema,
  NODE_KINDS,
  type NodeKind,
  type NodeOfKind,
  type ParallelNode,
  ParallelNodeSchema,
  type RetryPolicy,
  RetryPolicySchema,
  routedStoreStaff,
  type SetNode,
  SetNodeSchema,
  type Sla,
  SlaSchema,
  STORE_STAFF_GROUP_PREFIX,
  type StartNode,
  StartNodeSchema,
  type SubflowNode,
  SubflowNodeSchema,
  type TaskAssignee,
  type TaskPurpose,
  TaskPurposeSchema,
  taskPurpose,
  type WaitNode,
  WaitNodeSchema,
} from './nodes.ts';
export { ALLOWED_OPERATORS, isAllowedOperator } from './operators.ts';
export { type ParseResult, parseFlowDefinition } from './parse.ts';
export { isPiiEnvelope, PII_ENVELOPE_VERSION, type PiiEnvelope } from './pii.ts';
export {
  type ElementId,
  ElementIdSchema,
  FIELD_TYPES,
  type FieldMap,
  FieldMapSchema,
  type FieldSpec,
  FieldSpecSchema,
  type FieldType,
  FieldTypeSchema,
  type Identifier,
  IdentifierSchema,
  isJsonValue,
  type JsonLogicRule,
  JsonLogicRuleSchema,
  type JsonValue,
  JsonValueSchema,
  type Position,
  PositionSchema,
  type Slug,
  SlugSchema,
  type VariableSpec,
  VariableSpecSchema,
} from './primitives.ts';
export {
  analyzeRule,
  collectVars,
  type RuleAnalysis,
  type RuleProblem,
  type RuleProblemCode,
  type VarRef,
} from './rule-analysis.ts';
export { buildRuleData, type RuleDataParts } from './rule-data.ts';
export { nodeRules, type RuleLocation } from './rule-locations.ts';
export {
  type EvaluateOptions,
  evaluateCondition,
  evaluateRule,
  isTruthy,
  type RuleFailure,
  type RuleFailureCode,
  type RuleResult,
  readPath,
} from './rules.ts';
export {
  type Edge,
  EdgeSchema,
  type FlowDefinition,
  type FlowDefinitionInput,
  FlowDefinitionSchema,
  type Scope,
  ScopeSchema,
} from './schema.ts';
export { describeFlowChanges } from './semantic-diff.ts';
export { sha256Hex } from './sha256.ts';
export {
  DEFAULT_MAX_STEPS,
  SAMPLE_VERDICTS,
  type SampleActionResult,
  SampleActionResultSchema,
  type SampleApproval,
  SampleApprovalSchema,
  SampleCaseContextSchema,
  type SampleSubflowResult,
  SampleSubflowResultSchema,
  type SampleVerdict,
  SampleVerdictSchema,
  type TestRunSample,
  type TestRunSampleInput,
  TestRunSampleSchema,
} from './simulation/sample.ts';
export { simulateFlow } from './simulation/test-run.ts';
export type {
  SimulatedRule,
  SimulatedStep,
  SimulationFailure,
  SimulationResult,
} from './simulation/trace.ts';
export {
  type ApprovalSettlement,
  approvalHandle,
  type BranchSettled,
  decisionHandle,
  type JoinVerdict,
  joinIsDecided,
  type RuleRead,
  ruleReads,
  type StepEvaluator,
  settleJoin,
} from './stepping.ts';
export { pinSubflows, subflowKey } from './subflows.ts';
export {
  type ChainedTrailEvent,
  chainTrail,
  TRAIL_CHAIN_RULE,
  type TrailChainBreak,
  type TrailChainVerdict,
  type TrailEventContent,
  trailEventHash,
  trailGenesis,
  verifyTrailChain,
} from './trail-chain.ts';
export {
  type FlowDocumentResult,
  flowWarnings,
  validateFlow,
  validateFlowDocument,
} from './validate.ts';
export { isIsoDate } from './values.ts';
export type {
  ApprovalAnswer,
  SubflowAnswer,
  TaskOpening,
  WalkEffects,
  WalkEventFields,
  WalkEventType,
  WalkState,
  WalkStop,
} from './walk/effects.ts';
export { FlowWalk, MAIN_LANE, type WalkCase, walkFlow } from './walk/walk-flow.ts';
