import { Command } from 'cmdk';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityCatalog } from '#flow-language';
import { type QuickAddChoice, quickAddChoices } from './quick-add.ts';

interface QuickAddMenuProps {
  catalog: ActivityCatalog;
  /** Where the menu opens, in pixels from the canvas's top-left corner. */
  at: { x: number; y: number };
  onPick(choice: QuickAddChoice): void;
  onClose(): void;
}

function groupsOf(choices: readonly QuickAddChoice[]): [string, QuickAddChoice[]][] {
  const groups = new Map<string, QuickAddChoice[]>();
  for (const choice of choices)
    groups.set(choice.group, [...(groups.get(choice.group) ?? []), choice]);
  return [...groups];
}

/** The searchable menu Tab opens on the canvas: type a few letters, Enter adds the node. */
export function QuickAddMenu({ catalog, at, onPick, onClose }: QuickAddMenuProps) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupsOf(quickAddChoices(catalog)), [catalog]);
  return (
    <Command
      className="quick-add"
      label={t('canvasTools.quickAddLabel')}
      style={{ left: at.x, top: at.y }}
      loop
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
      data-testid="quick-add"
    >
      <Command.Input
        autoFocus
        onBlur={onClose}
        placeholder={t('canvasTools.quickAddPlaceholder')}
        data-testid="quick-add-input"
      />
      <Command.List className="canvas-menu-list">
        <Command.Empty>{t('canvasTools.quickAddNone')}</Command.Empty>
        {groups.map(([group, choices]) => (
          <Command.Group key={group} heading={group}>
            {choices.map((choice) => (
              <Command.Item
                key={choice.value}
                value={choice.value}
                keywords={[choice.label, ...choice.keywords]}
                // Pressed before the input loses focus, so picking with the mouse is not a blur.
                onMouseDown={(event) => event.preventDefault()}
                onSelect={() => onPick(choice)}
                data-testid={`quick-add-item-${choice.value}`}
              >
                {choice.label}
              </Command.Item>
            ))}
          </Command.Group>
        ))}
      </Command.List>
    </Command>
  );
}
