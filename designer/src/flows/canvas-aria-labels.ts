import type { AriaLabelConfig } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * React Flow's own words (the zoom buttons' tooltips, the minimap's name, the keyboard help a
 * screen reader hears) in the reader's language: React Flow ships them in English only.
 */
export function useCanvasAriaLabels(): Partial<AriaLabelConfig> {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the words change with the language
  return useMemo(
    () => ({
      'node.a11yDescription.default': t('canvasAria.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('canvasAria.nodeHelpMoving'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
        t('canvasAria.nodeMoved', {
          direction: isDirection(direction) ? t(`canvasAria.direction.${direction}`) : direction,
          x,
          y,
        }),
      'edge.a11yDescription.default': t('canvasAria.edgeHelp'),
      'controls.ariaLabel': t('canvasAria.controls'),
      'controls.zoomIn.ariaLabel': t('canvasAria.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvasAria.zoomOut'),
      'controls.fitView.ariaLabel': t('canvasAria.fitView'),
      'controls.interactive.ariaLabel': t('canvasAria.interactive'),
      'minimap.ariaLabel': t('canvasAria.minimap'),
      'handle.ariaLabel': t('canvasAria.handle'),
    }),
    [t, i18n.language],
  );
}

const DIRECTIONS = ['up', 'down', 'left', 'right'] as const;

function isDirection(direction: string): direction is (typeof DIRECTIONS)[number] {
  return (DIRECTIONS as readonly string[]).includes(direction);
}
