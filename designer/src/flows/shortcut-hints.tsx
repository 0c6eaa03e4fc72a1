import { Panel } from '@xyflow/react';
import { Fragment, memo } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUT_HINTS } from './editor-shortcuts.ts';

/** The canvas's keyboard shortcuts, always in sight (the keys editor-shortcuts.ts reads). */
function ShortcutHintsBase() {
  const { t } = useTranslation();
  return (
    <Panel position="top-right" className="shortcut-hints">
      <ul aria-label={t('canvasTools.hints')} data-testid="shortcut-hints">
        {SHORTCUT_HINTS.map(({ action, keys }) => (
          <li key={action}>
            {keys.map((key) => (
              <Fragment key={key}>
                <kbd>{key}</kbd>{' '}
              </Fragment>
            ))}
            {t(`canvasTools.keys.${action}`)}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

// The canvas re-renders on every drag frame; the hints never change with it.
export const ShortcutHints = memo(ShortcutHintsBase);
