import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useStore } from 'zustand';
import type { ActivityCatalog, FlowIssue } from '#flow-language';
import { ApiRequestError } from '../api/client.ts';
import { BacktestPanel } from './backtest-panel.tsx';
import { createDecorations, DecorationsContext } from './decorations.ts';
import { type DiffView, diffView } from './diff-view.ts';
import { useEditorShortcuts } from './editor-shortcuts.ts';
import { useFlowEditor } from './editor-store.ts';
import { contentFor, FlowCanvas } from './flow-canvas.tsx';
import { MarkedDiagram } from './flow-diagram.tsx';
import type { FlowDocument } from './flow-graph.ts';
import { flowsApi, type TestRunResult, type VersionSummary } from './flows-api.ts';
import { Inspector } from './inspector/inspector.tsx';
import { Palette, type PaletteItem } from './palette.tsx';
import { ProblemsPanel } from './problems-panel.tsx';
import { TestRunPanel } from './test-run-panel.tsx';
import { sampleScenario, type TestRunScenario } from './test-run-sample.ts';
import { useUnsavedChangesGuard } from './unsaved-changes-guard.ts';
import { useLiveValidation } from './use-live-validation.ts';
import { type Side, VersionsPanel } from './versions-panel.tsx';
import '@xyflow/react/dist/style.css';
import 'react-querybuilder/dist/query-builder.css';
import './flows.css';

type SideTab = 'inspector' | 'versions' | 'test-run' | 'backtest';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function refusalIssues(error: unknown): FlowIssue[] {
  if (!(error instanceof ApiRequestError)) return [];
  return error.issues.filter(
    (issue): issue is FlowIssue =>
      typeof issue === 'object' && issue !== null && 'message' in issue,
  );
}

function pathMarks(ids: readonly string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id) => [id, 'path']));
}

/** The designer for one flow, mounted at /flows/:flowKey. */
export function FlowEditorPage() {
  const { flowKey = '' } = useParams();
  return (
    <ReactFlowProvider>
      <FlowEditor key={flowKey} flowKey={flowKey} />
    </ReactFlowProvider>
  );
}

function FlowEditor({ flowKey }: { flowKey: string }) {
  const [catalog, setCatalog] = useState<ActivityCatalog>();
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    // Only the latest request loads: a second, late load (React runs effects twice in
    // development) would bump the revision after the editor took it as saved: "unsaved changes".
    let latest = true;
    Promise.all([flowsApi.catalog(), flowsApi.draft(flowKey)])
      .then(([activities, draft]) => {
        if (!latest) return;
        useFlowEditor.getState().load(draft);
        setCatalog(activities);
      })
      .catch((error: unknown) => {
        if (latest) setLoadError(reason(error));
      });
    return () => {
      latest = false;
    };
  }, [flowKey]);
  if (loadError)
    return (
      <p className="field-error" role="alert">
        Could not open {flowKey}: {loadError}
      </p>
    );
  if (!catalog) return <p className="muted">Loading {flowKey}…</p>;
  return <LoadedEditor flowKey={flowKey} catalog={catalog} />;
}

function LoadedEditor({ flowKey, catalog }: { flowKey: string; catalog: ActivityCatalog }) {
  const [decorations] = useState(() => createDecorations());
  const issues = useLiveValidation(catalog, decorations);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const revision = useFlowEditor((state) => state.revision);
  const [savedRevision, setSavedRevision] = useState(revision);
  const canUndo = useStore(useFlowEditor.temporal, (state) => state.pastStates.length > 0);
  const canRedo = useStore(useFlowEditor.temporal, (state) => state.futureStates.length > 0);
  const [tab, setTab] = useState<SideTab>('inspector');
  const [status, setStatus] = useState<string>();
  const [refusal, setRefusal] = useState<FlowIssue[]>([]);
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [diff, setDiff] = useState<DiffView>();
  const [testRun, setTestRun] = useState<{
    result?: TestRunResult;
    error?: string;
    running: boolean;
  }>({
    running: false,
  });
  const [edgeMarks, setEdgeMarks] = useState<Record<string, string>>({});
  const dirty = revision !== savedRevision;
  useEditorShortcuts(diff === undefined);
  useUnsavedChangesGuard(dirty);

  const loadVersions = useCallback(() => {
    flowsApi.versions(flowKey).then(setVersions, (error: unknown) => setStatus(reason(error)));
  }, [flowKey]);
  useEffect(loadVersions, [loadVersions]);

  const clearPath = useCallback(() => {
    decorations.setState({ marks: {} });
    setEdgeMarks({});
  }, [decorations]);

  async function save(): Promise<boolean> {
    const at = useFlowEditor.getState().revision;
    try {
      await flowsApi.saveDraft(flowKey, useFlowEditor.getState().document());
      setSavedRevision(at);
      setStatus('Draft saved');
      return true;
    } catch (error) {
      setRefusal(refusalIssues(error));
      setStatus(`Save refused: ${reason(error)}`);
      return false;
    }
  }

  async function publish() {
    if (!(await save())) return;
    try {
      const version = await flowsApi.publish(flowKey);
      setRefusal([]);
      setStatus(version ? `Published version ${version}` : 'Published');
      loadVersions();
    } catch (error) {
      setRefusal(refusalIssues(error));
      setStatus(`Publish refused: ${reason(error)}`);
    }
  }

  async function runTest(scenario: TestRunScenario) {
    setTestRun({ running: true });
    clearPath();
    try {
      const document = useFlowEditor.getState().document();
      const result = await flowsApi.testRun(flowKey, document, scenario);
      decorations.setState({ marks: pathMarks(result.nodeIds) });
      setEdgeMarks(pathMarks(result.edgeIds));
      setTestRun({ running: false, result });
    } catch (error) {
      setTestRun({ running: false, error: reason(error) });
    }
  }

  async function compare(from: Side, to: Side) {
    const load = (side: Side): Promise<FlowDocument> =>
      side === 'draft'
        ? Promise.resolve(useFlowEditor.getState().document())
        : flowsApi.version(flowKey, side);
    try {
      const [before, after] = await Promise.all([load(from), load(to)]);
      setDiff(diffView(before, after));
    } catch (error) {
      setStatus(reason(error));
    }
  }

  function addFromPalette(item: PaletteItem) {
    const content = contentFor(item, catalog);
    const middle = screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
    if (content) useFlowEditor.getState().addNode(content, middle);
  }

  function pickNode(nodeId: string) {
    useFlowEditor.getState().select(nodeId);
    setTab('inspector');
    fitView({ nodes: [{ id: nodeId }], duration: 200, maxZoom: 1.2 });
  }

  const scenario = useMemo(
    () =>
      tab === 'test-run' ? sampleScenario(useFlowEditor.getState().document(), catalog) : undefined,
    [tab, catalog],
  );
  const blockers = issues.map((issue) => issue.message).join('\n');
  const history = useFlowEditor.temporal.getState();

  return (
    <DecorationsContext.Provider value={decorations}>
      <div className="flow-editor" data-testid="flow-editor">
        <header className="flow-toolbar">
          <Link to="/flows">Flows</Link>
          <strong data-testid="flow-key">{flowKey}</strong>
          {dirty && (
            <span className="muted" data-testid="unsaved">
              unsaved changes
            </span>
          )}
          <span className="spacer" />
          <button
            type="button"
            onClick={() => history.undo()}
            disabled={!canUndo}
            data-testid="undo"
            aria-label="Undo"
          >
            Undo
          </button>
          <button
            type="button"
            onClick={() => history.redo()}
            disabled={!canRedo}
            data-testid="redo"
            aria-label="Redo"
          >
            Redo
          </button>
          <button
            type="button"
            onClick={() => {
              useFlowEditor.getState().autoLayout();
              requestAnimationFrame(() => fitView({ duration: 200 }));
            }}
            data-testid="auto-layout"
          >
            Auto-layout
          </button>
          <button type="button" onClick={() => fitView({ duration: 200 })} data-testid="fit-view">
            Fit view
          </button>
          <button type="button" onClick={save} disabled={!dirty} data-testid="save">
            Save
          </button>
          <button type="button" onClick={() => setTab('test-run')} data-testid="test-run">
            Test run
          </button>
          <button
            type="button"
            onClick={publish}
            disabled={issues.length > 0}
            title={issues.length > 0 ? `Fix these first:\n${blockers}` : 'Publish a new version'}
            data-testid="publish"
          >
            Publish
          </button>
        </header>
        {status && (
          <p className="status" role="status" data-testid="status">
            {status}
          </p>
        )}
        <div className="flow-workspace">
          <Palette catalog={catalog} onAdd={addFromPalette} />
          <div className="flow-center">
            {diff ? (
              <MarkedDiagram
                flow={diff.document}
                nodeMarks={diff.nodeMarks}
                edgeMarks={diff.edgeMarks}
              />
            ) : (
              <FlowCanvas catalog={catalog} edgeMarks={edgeMarks} readOnly={false} />
            )}
            <div className="flow-bottom">
              <ProblemsPanel
                title="Problems"
                issues={issues}
                onPick={pickNode}
                testId="problems-panel"
              />
              {refusal.length > 0 && (
                <ProblemsPanel
                  title="Server refused"
                  issues={refusal}
                  onPick={pickNode}
                  testId="refusal-panel"
                />
              )}
            </div>
          </div>
          <div className="flow-side">
            <div className="tabs" role="tablist">
              {(['inspector', 'versions', 'test-run', 'backtest'] as const).map((name) => (
                <button
                  type="button"
                  role="tab"
                  key={name}
                  aria-selected={tab === name}
                  onClick={() => setTab(name)}
                  data-testid={`tab-${name}`}
                >
                  {name === 'test-run' ? 'Test run' : name[0]?.toUpperCase() + name.slice(1)}
                </button>
              ))}
            </div>
            {tab === 'inspector' && <Inspector catalog={catalog} readOnly={diff !== undefined} />}
            {tab === 'versions' && (
              <VersionsPanel
                flowKey={flowKey}
                versions={versions}
                comparing={diff !== undefined}
                changedSettings={diff?.settings ?? []}
                onCompare={compare}
                onStopComparing={() => setDiff(undefined)}
                onPublished={loadVersions}
              />
            )}
            {tab === 'versions' && diff && (
              <ul className="diff-in-words" data-testid="diff-in-words">
                {diff.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            )}
            {tab === 'test-run' && scenario && (
              <TestRunPanel
                initial={scenario}
                result={testRun.result}
                error={testRun.error}
                running={testRun.running}
                onRun={runTest}
              />
            )}
            {tab === 'backtest' && <BacktestPanel flowKey={flowKey} />}
          </div>
        </div>
      </div>
    </DecorationsContext.Provider>
  );
}
