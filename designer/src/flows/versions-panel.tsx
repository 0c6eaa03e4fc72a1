import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../session/format.ts';
import { useUserNames } from '../session/user-names.ts';
import type { VersionSummary } from './flows-api.ts';
import { PendingPublications } from './pending-publications.tsx';

export type Side = number | 'draft';

interface VersionsPanelProps {
  flowKey: string;
  versions: readonly VersionSummary[];
  comparing: boolean;
  changedSettings: readonly string[];
  onCompare(from: Side, to: Side): void;
  onStopComparing(): void;
  /** A waiting publication was confirmed here: the versions changed. */
  onPublished(): void;
  /** Make this version the draft again. */
  onRestore(version: number): void;
}

function sideValue(side: Side): string {
  return side === 'draft' ? 'draft' : String(side);
}

function parseSide(value: string): Side {
  return value === 'draft' ? 'draft' : Number(value);
}

/** Published versions, and a visual diff of any two of them or of one against the draft. */
export function VersionsPanel({
  flowKey,
  versions,
  comparing,
  changedSettings,
  onCompare,
  onStopComparing,
  onPublished,
  onRestore,
}: VersionsPanelProps) {
  const { t } = useTranslation();
  const nameOf = useUserNames();
  const latest = versions.at(-1)?.version;
  const [from, setFrom] = useState<Side>(latest ?? 'draft');
  const [to, setTo] = useState<Side>('draft');
  const options: Side[] = [...versions.map((v) => v.version), 'draft'];
  return (
    <section className="versions" data-testid="versions-panel" aria-label={t('versions.history')}>
      <h3>{t('versions.title')}</h3>
      {versions.length === 0 ? (
        <p className="muted">{t('versions.notPublished')}</p>
      ) : (
        <ol data-testid="version-list">
          {versions.map((v) => (
            <li key={v.version} data-testid={`version-${v.version}`}>
              v{v.version}
              {v.publishedAt && <span className="muted"> · {formatInstant(v.publishedAt)}</span>}
              {v.publishedBy && <span className="muted"> · {nameOf(v.publishedBy)}</span>}
              {v.confirmedBy && (
                <span className="muted">
                  {t('versions.confirmedBy', { name: nameOf(v.confirmedBy) })}
                </span>
              )}{' '}
              <button
                type="button"
                onClick={() => onRestore(v.version)}
                data-testid={`restore-${v.version}`}
              >
                {t('publish.restoreAsDraft')}
              </button>
              {v.note && (
                <blockquote className="version-note" data-testid={`version-note-${v.version}`}>
                  {v.note}
                </blockquote>
              )}
            </li>
          ))}
        </ol>
      )}
      <PendingPublications
        flowKey={flowKey}
        versionCount={versions.length}
        onPublished={onPublished}
      />
      <div className="row">
        <label>
          {t('versions.from')}{' '}
          <select
            value={sideValue(from)}
            onChange={(e) => setFrom(parseSide(e.target.value))}
            data-testid="diff-from"
          >
            {options.map((side) => (
              <option key={sideValue(side)} value={sideValue(side)}>
                {side === 'draft' ? t('versions.draft') : `v${side}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('versions.to')}{' '}
          <select
            value={sideValue(to)}
            onChange={(e) => setTo(parseSide(e.target.value))}
            data-testid="diff-to"
          >
            {options.map((side) => (
              <option key={sideValue(side)} value={sideValue(side)}>
                {side === 'draft' ? t('versions.draft') : `v${side}`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => onCompare(from, to)} data-testid="diff-compare">
          {t('versions.compare')}
        </button>
        {comparing && (
          <button type="button" onClick={onStopComparing} data-testid="diff-close">
            {t('versions.backToEditing')}
          </button>
        )}
      </div>
      {comparing && (
        <p className="legend">
          <span className="swatch mark-added">{t('versions.added')}</span>{' '}
          <span className="swatch mark-removed">{t('versions.removed')}</span>{' '}
          <span className="swatch mark-changed">{t('versions.changed')}</span>{' '}
          <span className="swatch mark-moved">{t('versions.moved')}</span>
          {changedSettings.length > 0 && (
            <span>{t('versions.settingsChanged', { settings: changedSettings.join(', ') })}</span>
          )}
        </p>
      )}
    </section>
  );
}
