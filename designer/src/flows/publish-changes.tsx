import { useTranslation } from 'react-i18next';
import { flowChangeKey, flowChangeText } from './flow-change-words.ts';
import type { PublishPreviewAnswer } from './flows-api.ts';

type PreviewDiff = NonNullable<PublishPreviewAnswer['diff']>;

/** One line per kind of element that changed: "changed: policy, review". */
function ElementLine({ label, ids, testId }: { label: string; ids: string[]; testId: string }) {
  if (ids.length === 0) return null;
  return (
    <li data-testid={testId}>
      {label}: <code>{ids.join(', ')}</code>
    </li>
  );
}

/**
 * What publishing changes against the live version: the rules in words (thresholds before →
 * after), then field by field, the settings, nodes and connections that differ.
 */
export function PublishChanges({ diff }: { diff: PreviewDiff }) {
  const { t } = useTranslation();
  const { nodes, edges, settings, changes } = diff;
  return (
    <div className="publish-changes" data-testid="publish-changes">
      {changes.length > 0 && (
        <ul data-testid="publish-changes-in-words">
          {changes.map((change) => (
            <li key={flowChangeKey(change)}>{flowChangeText(change)}</li>
          ))}
        </ul>
      )}
      <ul className="muted">
        <ElementLine label={t('publish.settings')} ids={settings} testId="publish-settings" />
        <ElementLine label={t('publish.nodesAdded')} ids={nodes.added} testId="publish-added" />
        <ElementLine
          label={t('publish.nodesRemoved')}
          ids={nodes.removed}
          testId="publish-removed"
        />
        <ElementLine
          label={t('publish.nodesChanged')}
          ids={nodes.changed}
          testId="publish-changed"
        />
        <ElementLine label={t('publish.nodesMoved')} ids={nodes.moved} testId="publish-moved" />
        <ElementLine
          label={t('publish.edgesChanged')}
          ids={[...edges.added, ...edges.removed, ...edges.changed]}
          testId="publish-edges"
        />
      </ul>
    </div>
  );
}
