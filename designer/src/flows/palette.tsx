import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_SYSTEMS, type ActivityCatalog, NODE_KINDS, type NodeKind } from '#flow-language';
import { activityDescription, activityTitle, systemName } from './catalog-words.ts';

/** The drag payload: a node kind, or an action preset with one catalog activity. */
export type PaletteItem = { kind: NodeKind } | { activity: string };

export const PALETTE_MIME = 'application/x-acorn-flow-node';

function startDrag(event: DragEvent, item: PaletteItem) {
  event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
  event.dataTransfer.effectAllowed = 'move';
}

export function readPaletteItem(event: DragEvent): PaletteItem | undefined {
  const raw = event.dataTransfer.getData(PALETTE_MIME);
  if (!raw) return undefined;
  const item = JSON.parse(raw) as PaletteItem;
  return item;
}

interface PaletteProps {
  catalog: ActivityCatalog;
  /** Keyboard and click alternative to dragging: adds the item in the middle of the view. */
  onAdd(item: PaletteItem): void;
}

export function Palette({ catalog, onAdd }: PaletteProps) {
  const { t } = useTranslation();
  return (
    <aside className="flow-palette" aria-label={t('flows.palette')}>
      <h3>{t('flows.paletteNodes')}</h3>
      {NODE_KINDS.map((kind: NodeKind) => (
        <button
          type="button"
          key={kind}
          className={`palette-item kind-${kind}`}
          draggable
          onDragStart={(event) => startDrag(event, { kind })}
          onDoubleClick={() => onAdd({ kind })}
          data-testid={`palette-${kind}`}
          aria-label={t('flows.paletteAdd', { what: t(`nodeKinds.${kind}`) })}
        >
          {t(`nodeKinds.${kind}`)}
        </button>
      ))}
      {ACTIVITY_SYSTEMS.map((system) => {
        const activities = catalog.filter((activity) => activity.system === system);
        if (activities.length === 0) return null;
        return (
          <section
            key={system}
            aria-label={t('flows.paletteActivities', { system: systemName(system) })}
          >
            <h3>{systemName(system)}</h3>
            {activities.map((activity) => (
              <button
                type="button"
                key={activity.name}
                className="palette-item kind-action"
                draggable
                onDragStart={(event) => startDrag(event, { activity: activity.name })}
                onDoubleClick={() => onAdd({ activity: activity.name })}
                title={activityDescription(activity)}
                data-testid={`palette-activity-${activity.name}`}
                aria-label={t('flows.paletteAddAction', { what: activityTitle(activity) })}
              >
                {activityTitle(activity)}
                {activity.sideEffects && (
                  <span className="side-effect" title={t('flows.movesMoney')}>
                    ●
                  </span>
                )}
              </button>
            ))}
          </section>
        );
      })}
    </aside>
  );
}
