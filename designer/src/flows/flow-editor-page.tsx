import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useStore } from 'zustand';
import type { ActivityCatalog, FlowIssue } from '#flow-language';
import { ApiRequestError } from '../api/client.ts';
import { i18n } from '../i18n/i18n.ts';
import { reasonOf } from '../session/use-loaded.ts';
import { BacktestPanel } from './backtest-panel.tsx';
import { createDecorations, DecorationsContext } from './decorations.ts';
import { type DiffView, diffView } from './diff-view.ts';
import { DraftConflict } from './draft-conflict.tsx';
import { useEditorShortcuts } from './editor-shortcuts.ts';
import { useFlowEditor } from './editor-store.ts';
import { contentFor, FlowCanvas } from './flow-canvas.tsx';
import { flowChangeKey, flowChangeText } from './flow-change-words.ts';
import { MarkedDiagram } from './flow-diagram.tsx';
import type { FlowDocument } from './flow-graph.ts';
import {
  type DraftChange,
  draftChangeOf,
  flowsApi,
  type TestRunResult,
  type VersionSummary,
} from './flows-api.ts';
import { Inspector } from './inspector/inspector.tsx';
import { Palette, type PaletteItem } from './palette.tsx';
import { ProblemsPanel, problemText } from './problems-panel.tsx';
import { PublishDialog } from './publish-dialog.tsx';
import { useReadableView } from './readable-view.ts';
import { TestRunPanel } from './test-run-panel.tsx';
import { sampleScenario, type TestRunScenario } from './test-run-sample.ts';
import { useUnsavedChangesGuard } from './unsaved-changes-guard.ts';
import { useLiveValidation } from './use-live-validation.ts';
import { type Side, VersionsPanel } from './versions-panel.tsx';
import '@xyflow/react/dist/style.css';
import 'react-querybuilder/dist/query-builder.css';
import './flows.css';

type SideTab = 'inspector' | 'versions' | 'test-run' | 'backtest';

const TAB_TITLES = {
  inspector: 'flows.tabInspector',
  versions: 'flows.tabVersions',
  'test-run': 'flows.tabTestRun',
  backtest: 'flows.tabBacktest',
} as const satisfies Record<SideTab, string>;

function reason(error: unknown): string {
  return reasonOf(error);
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
  const [loadedRevision, setLoadedRevision] = useState(0);
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    // Only the latest request loads: a second, late load (React runs effects twice in
    // development) would bump the revision after the editor took it as saved: "unsaved changes".
    let latest = true;
    Promise.all([flowsApi.catalog(), flowsApi.loadDraft(flowKey)])
      .then(([activities, draft]) => {
        if (!latest) return;
        useFlowEditor.getState().load(draft.document);
        setLoadedRevision(draft.revision);
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
        {i18n.t('flows.couldNotOpen', { flow: flowKey, error: loadError })}
      </p>
    );
  if (!catalog) return <p className="muted">{i18n.t('flows.loadingFlow', { flow: flowKey })}</p>;
  return <LoadedEditor flowKey={flowKey} catalog={catalog} loadedRevision={loadedRevision} />;
}

interface LoadedEditorProps {
  flowKey: string;
  catalog: ActivityCatalog;
  /** The server's revision of the draft loaded: saves are based on it. */
  loadedRevision: number;
}

function LoadedEditor({ flowKey, catalog, loadedRevision }: LoadedEditorProps) {
  const [decorations] = useState(() => createDecorations());
  const issues = useLiveValidation(catalog, decorations);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const showReadable = useReadableView();
  const { t } = useTranslation();
  const revision = useFlowEditor((state) => state.revision);
  const [savedRevision, setSavedRevision] = useState(revision);
  const [baseRevision, setBaseRevision] = useState(loadedRevision);
  const [conflict, setConflict] = useState<DraftChange>();
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
  const [publishing, setPublishing] = useState(false);
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

  /** Saves over `basedOn`; overwriting another admin's save passes the revision they made. */
  async function save(basedOn = baseRevision): Promise<boolean> {
    const at = useFlowEditor.getState().revision;
    try {
      const saved = await flowsApi.saveDraft(flowKey, useFlowEditor.getState().document(), basedOn);
      setSavedRevision(at);
      setBaseRevision(saved.revision);
      setConflict(undefined);
      setStatus(i18n.t('flows.draftSaved'));
      return true;
    } catch (error) {
      const change = draftChangeOf(error);
      setConflict(change);
      setRefusal(refusalIssues(error));
      // A conflict is told in full by its own panel.
      setStatus(change ? undefined : i18n.t('flows.saveRefused', { reason: reason(error) }));
      return false;
    }
  }

  async function reloadTheirDraft() {
    try {
      const draft = await flowsApi.loadDraft(flowKey);
      useFlowEditor.getState().load(draft.document);
      setSavedRevision(useFlowEditor.getState().revision);
      setBaseRevision(draft.revision);
      setConflict(undefined);
      setStatus(undefined);
    } catch (error) {
      setStatus(reason(error));
    }
  }

  /** Saves, then asks: the dialog shows what changes and takes the publisher's note. */
  async function publish() {
    if (await save()) setPublishing(true);
  }

  function published(version: number) {
    setPublishing(false);
    setRefusal([]);
    setStatus(
      version ? i18n.t('flows.publishedVersion', { version }) : i18n.t('flows.publishedDone'),
    );
    loadVersions();
  }

  function publishRefused(error: unknown) {
    setRefusal(refusalIssues(error));
    setStatus(i18n.t('flows.publishRefused', { reason: reason(error) }));
  }

  /** A published version becomes the draft, based on the revision this editor holds. */
  async function restore(version: number) {
    if (dirty && !window.confirm(i18n.t('publish.restoreDiscards'))) return;
    try {
      await flowsApi.restoreAsDraft(flowKey, version, baseRevision);
      await reloadTheirDraft();
      setStatus(i18n.t('publish.restored', { version }));
    } catch (error) {
      const change = draftChangeOf(error);
      setConflict(change);
      setStatus(change ? undefined : reason(error));
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
  const blockers = issues.map(problemText).join('\n');
  const history = useFlowEditor.temporal.getState();

  return (
    <DecorationsContext.Provider value={decorations}>
      <div className="flow-editor" data-testid="flow-editor">
        <header className="flow-toolbar">
          <Link to="/flows">{t('flows.title')}</Link>
          <strong data-testid="flow-key">{flowKey}</strong>
          {dirty && (
            <span className="muted" data-testid="unsaved">
              {t('flows.unsaved')}
            </span>
          )}
          <span className="spacer" />
          <button
            type="button"
            onClick={() => history.undo()}
            disabled={!canUndo}
            data-testid="undo"
            aria-label={t('flows.undo')}
          >
            {t('flows.undo')}
          </button>
          <button
            type="button"
            onClick={() => history.redo()}
            disabled={!canRedo}
            data-testid="redo"
            aria-label={t('flows.redo')}
          >
            {t('flows.redo')}
          </button>
          <button
            type="button"
            onClick={() => {
              useFlowEditor.getState().autoLayout();
              requestAnimationFrame(() => showReadable(200));
            }}
            data-testid="auto-layout"
          >
            {t('flows.autoLayout')}
          </button>
          <button type="button" onClick={() => showReadable(200)} data-testid="fit-view">
            {t('flows.fitView')}
          </button>
          <button type="button" onClick={() => save()} disabled={!dirty} data-testid="save">
            {t('flows.save')}
          </button>
          <button type="button" onClick={() => setTab('test-run')} data-testid="test-run">
            {t('flows.testRun')}
          </button>
          <button
            type="button"
            onClick={publish}
            disabled={issues.length > 0}
            title={
              issues.length > 0 ? `${t('flows.fixFirst')}\n${blockers}` : t('flows.publishNew')
            }
            data-testid="publish"
          >
            {t('flows.publish')}
          </button>
        </header>
        {status && (
          <p className="status" role="status" data-testid="status">
            {status}
          </p>
        )}
        {publishing && (
          <PublishDialog
            flowKey={flowKey}
            onClose={() => setPublishing(false)}
            onPublished={published}
            onRefused={publishRefused}
          />
        )}
        {conflict && (
          <DraftConflict
            change={conflict}
            onReload={reloadTheirDraft}
            onOverwrite={() => save(conflict.revision)}
          />
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
                title={t('flows.problems')}
                issues={issues}
                onPick={pickNode}
                testId="problems-panel"
              />
              {refusal.length > 0 && (
                <ProblemsPanel
                  title={t('flows.serverRefused')}
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
                  {t(TAB_TITLES[name])}
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
                onRestore={restore}
              />
            )}
            {tab === 'versions' && diff && (
              <ul className="diff-in-words" data-testid="diff-in-words">
                {diff.changes.map((change) => (
                  <li key={flowChangeKey(change)}>{flowChangeText(change)}</li>
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
