/**
 * Flow designer pages. The shell mounts FlowListPage at /flows and FlowEditorPage at
 * /flows/:flowKey; FlowDiagram is the read-only drawing for run and audit views.
 *
 * Test ids (stable, for browser tests):
 * - List: `flow-list`, `create-flow-key`, `create-flow-name`, `create-flow-submit`,
 *   `show-archived`, `flow-row-<key>`, `duplicate-<key>`, `archive-<key>`, `unarchive-<key>`,
 *   `duplicate-flow-key|name|submit`.
 * - Toolbar: `undo`, `redo`, `auto-layout`, `fit-view`, `save`, `test-run`, `publish`
 *   (disabled while problems exist; its title lists them), `unsaved`, `status`.
 * - Palette (drag onto `flow-canvas`, or double-click to add in the middle):
 *   `palette-<kind>` for start, decision, action, approval, wait, parallel, join, set, subflow,
 *   end; `palette-activity-<activity name>` e.g. `palette-activity-marketplace.issueRefund`.
 * - Canvas: `node-<nodeId>` (data-kind, aria-invalid and a title with the reasons when invalid),
 *   `node-problem-<nodeId>`, handles `handle-<nodeId>-in` (target) and
 *   `handle-<nodeId>-<port>` (next, error, true, false, default, <case id>, approved, rejected,
 *   timeout). Delete/Backspace removes the selection; Ctrl+Z, Ctrl+Shift+Z, Ctrl+C, Ctrl+V.
 * - Side tabs: `tab-inspector`, `tab-versions`, `tab-test-run`.
 * - Inspector (`inspector`): `inspector-label`, `inspector-trigger`, `inspector-activity`,
 *   `inspector-input-<field>`, `inspector-result-variable`, `inspector-timeout`,
 *   `inspector-retry[-attempts|-initial|-backoff|-maximum]`, `inspector-condition` (rule editor;
 *   `-visual-tab`, `-json-tab`, `-json`, `-json-error`), `inspector-use-cases`,
 *   `inspector-add-case`, `inspector-case-<i>[-id|-label|-rule]`, `inspector-approval-title`,
 *   `inspector-assignee-kind`, `inspector-assignee`, `inspector-approvals-required`,
 *   `inspector-forbid-requester`, `inspector-sla[-duration|-escalate]`,
 *   `inspector-add-form-field`, `inspector-form-<i>-name|label|type|options|required`,
 *   `inspector-wait-mode|duration|until`, `inspector-assign-name`, `inspector-add-assignment`,
 *   `inspector-assign-<variable>`, `inspector-outcome`, `inspector-join-mode`,
 *   `inspector-subflow-key|version|inputs`; with nothing selected: `inspector-flow-name`,
 *   `inspector-input-decl-name|add`, `inspector-input-decl-<name>-type|required`,
 *   `inspector-variable-name|add`.
 * - Panels: `problems-panel`, `refusal-panel` (server's publish refusal), `versions-panel`,
 *   `version-list`, `version-<n>`, `diff-from`, `diff-to`, `diff-compare`, `diff-close`,
 *   `test-run-panel`, `test-run-input`, `test-run-result-<nodeId>`, `test-run-approval-<nodeId>`,
 *   `test-run-start`, `test-run-result`, `test-run-rule-<nodeId>`, `flow-diagram`.
 * - Publishing: `publish-dialog` with `publish-changes`, `publish-changes-in-words`,
 *   `publish-settings|added|removed|changed|moved|edges`, `publish-conflict`, `publish-gate`,
 *   `publish-run-backtest`, `publish-note`, `publish-error`, `publish-cancel`, `publish-confirm`;
 *   in Versions `version-note-<n>`, `restore-<n>`; in the list `archive-confirmation`,
 *   `archive-confirm`, `archive-cancel`. Backtests (tab and dialog): `backtest-panel`,
 *   `backtest-start`, `backtest-progress`, `backtest-summary`, `backtest-flips`,
 *   `backtest-flip-<caseId>`, `backtest-unknowns`.
 * Marks: nodes get class `mark-path|added|removed|changed|moved`, edges the same class.
 */
export { FlowDiagram, type FlowDiagramProps } from './flow-diagram.tsx';
export { FlowEditorPage } from './flow-editor-page.tsx';
export type { FlowDocument } from './flow-graph.ts';
export { FlowListPage } from './flow-list-page.tsx';
