import { useTranslation } from 'react-i18next';
import { flowChangeKey, flowChangeText } from './flow-change-words.ts';
import type { DraftChange } from './flows-api.ts';

interface Props {
  change: DraftChange;
  onReload(): void;
  onOverwrite(): void;
}

/**
 * Another admin saved the draft after this editor loaded it: says who, when and which nodes
 * differ, and lets the admin take their draft or overwrite it knowingly.
 */
export function DraftConflict({ change, onReload, onOverwrite }: Props) {
  const { t } = useTranslation();
  return (
    <div className="field-error" role="alert" data-testid="draft-conflict">
      <p>
        {t('flows.draftChanged', {
          savedBy: change.savedBy,
          savedAt: new Date(change.savedAt).toLocaleString(),
          revision: change.revision,
        })}
      </p>
      {change.changedNodes.length > 0 && (
        <p data-testid="draft-conflict-nodes">
          {t('flows.draftChangedNodes', { nodes: change.changedNodes.join(', ') })}
        </p>
      )}
      {change.changes.length > 0 && (
        <ul>
          {change.changes.map((line) => (
            <li key={flowChangeKey(line)}>{flowChangeText(line)}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onReload} data-testid="draft-conflict-reload">
        {t('flows.reloadTheirDraft')}
      </button>
      <button type="button" onClick={onOverwrite} data-testid="draft-conflict-overwrite">
        {t('flows.overwriteTheirDraft')}
      </button>
    </div>
  );
}
