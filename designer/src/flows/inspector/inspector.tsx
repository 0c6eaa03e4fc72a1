import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/shallow';
import type { ActivityCatalog } from '#flow-language';
import { useFlowEditor } from '../editor-store.ts';
import type { DesignerNode, DocumentNode, NodeContent } from '../flow-graph.ts';
import { ruleFields } from '../rule-fields.ts';
import { ActionEditor } from './action-editor.tsx';
import { ApprovalEditor } from './approval-editor.tsx';
import { DecisionEditor } from './decision-editor.tsx';
import { TextField, without } from './fields.tsx';
import type { NodeEditorProps } from './node-editor-props.ts';
import { FlowSettingsEditor, InputsEditor } from './settings-editor.tsx';
import { EndEditor, JoinEditor, SetEditor, SubflowEditor, WaitEditor } from './simple-editors.tsx';

function resultNode(node: DesignerNode): string[] {
  const { content } = node.data;
  const activity = content.kind === 'action' ? content.activity : '';
  return 'resultVariable' in content && content.resultVariable
    ? [`${node.id} ${content.kind} ${content.resultVariable} ${activity}`]
    : [];
}

function toResultNode(entry: string): DocumentNode {
  const [id, kind, resultVariable, activity] = entry.split(' ');
  return { id, kind, resultVariable, activity } as DocumentNode;
}

type AnyEditorProps = Omit<NodeEditorProps<never>, 'content' | 'onChange'> & {
  content: NodeContent;
  onChange(content: NodeContent, renamedExits?: Record<string, string>): void;
};

function KindEditor(props: AnyEditorProps) {
  const { t } = useTranslation();
  const { content } = props;
  // Each branch narrows content to its kind; the editors only ever write the same kind back.
  switch (content.kind) {
    case 'start':
      return (
        <TextField
          label={t('inspector.trigger')}
          value={content.trigger ?? ''}
          onChange={(trigger) => {
            // Cleared means not picked yet (start.no-trigger), never an empty trigger.
            const { trigger: _cleared, ...rest } = content;
            props.onChange(trigger ? { ...content, trigger } : rest);
          }}
          testId="inspector-trigger"
          hint={t('inspector.triggerHint')}
        />
      );
    case 'decision':
      return <DecisionEditor {...props} content={content} />;
    case 'action':
      return <ActionEditor {...props} content={content} />;
    case 'approval':
      return <ApprovalEditor {...props} content={content} />;
    case 'wait':
      return <WaitEditor {...props} content={content} />;
    case 'set':
      return <SetEditor {...props} content={content} />;
    case 'join':
      return <JoinEditor {...props} content={content} />;
    case 'subflow':
      return <SubflowEditor {...props} content={content} />;
    case 'end':
      return <EndEditor {...props} content={content} />;
    case 'parallel':
      return <p className="muted">{t('inspector.parallelHint')}</p>;
  }
}

/** Edits the single selected node; with nothing selected, the flow's own settings. */
export function Inspector({ catalog, readOnly }: { catalog: ActivityCatalog; readOnly: boolean }) {
  const { t } = useTranslation();
  const selectedId = useFlowEditor((state) => {
    const selected = state.nodes.filter((node) => node.selected);
    return selected.length === 1 ? selected[0]?.id : undefined;
  });
  const content = useFlowEditor(
    (state) => state.nodes.find((node) => node.id === selectedId)?.data.content,
  );
  const { settings, updateContent, updateSettings } = useFlowEditor(
    useShallow((state) => ({
      settings: state.settings,
      updateContent: state.updateContent,
      updateSettings: state.updateSettings,
    })),
  );
  // Compared item by item, so dragging (new node objects, same results) does not rebuild fields.
  const results = useFlowEditor(useShallow((state) => state.nodes.flatMap(resultNode)));
  const fields = useMemo(
    () => ruleFields({ ...settings, nodes: results.map(toResultNode) }, catalog),
    [settings, results, catalog],
  );
  return (
    <aside className="flow-inspector" aria-label={t('inspector.inspector')} data-testid="inspector">
      <fieldset disabled={readOnly}>
        {selectedId && content ? (
          <>
            <h3>
              {t(`nodeKinds.${content.kind}`)} <code>{selectedId}</code>
            </h3>
            <TextField
              label={t('inspector.label')}
              value={content.label ?? ''}
              onChange={(label) =>
                updateContent(
                  selectedId,
                  label ? { ...content, label } : (without(content, 'label') as NodeContent),
                )
              }
              testId="inspector-label"
            />
            <KindEditor
              key={selectedId}
              nodeId={selectedId}
              content={content}
              onChange={(next, renamedExits) => updateContent(selectedId, next, renamedExits)}
              fields={fields}
              catalog={catalog}
            />
            {content.kind === 'start' && (
              <InputsEditor
                inputs={settings.inputs ?? {}}
                onChange={(inputs) => updateSettings({ ...settings, inputs })}
              />
            )}
          </>
        ) : (
          <>
            <h3>{t('inspector.flowSettings')}</h3>
            <FlowSettingsEditor settings={settings} onChange={updateSettings} />
          </>
        )}
      </fieldset>
    </aside>
  );
}
