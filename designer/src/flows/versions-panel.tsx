import { useState } from 'react';
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
}: VersionsPanelProps) {
  const latest = versions.at(-1)?.version;
  const [from, setFrom] = useState<Side>(latest ?? 'draft');
  const [to, setTo] = useState<Side>('draft');
  const options: Side[] = [...versions.map((v) => v.version), 'draft'];
  return (
    <section className="versions" data-testid="versions-panel" aria-label="Version history">
      <h3>Versions</h3>
      {versions.length === 0 ? (
        <p className="muted">Not published yet.</p>
      ) : (
        <ol data-testid="version-list">
          {versions.map((v) => (
            <li key={v.version} data-testid={`version-${v.version}`}>
              v{v.version}
              {v.publishedAt && (
                <span className="muted"> · {new Date(v.publishedAt).toLocaleString()}</span>
              )}
              {v.publishedBy && <span className="muted"> · {v.publishedBy}</span>}
              {v.confirmedBy && <span className="muted"> · confirmed by {v.confirmedBy}</span>}
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
          From{' '}
          <select
            value={sideValue(from)}
            onChange={(e) => setFrom(parseSide(e.target.value))}
            data-testid="diff-from"
          >
            {options.map((side) => (
              <option key={sideValue(side)} value={sideValue(side)}>
                {side === 'draft' ? 'draft' : `v${side}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          To{' '}
          <select
            value={sideValue(to)}
            onChange={(e) => setTo(parseSide(e.target.value))}
            data-testid="diff-to"
          >
            {options.map((side) => (
              <option key={sideValue(side)} value={sideValue(side)}>
                {side === 'draft' ? 'draft' : `v${side}`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => onCompare(from, to)} data-testid="diff-compare">
          Compare
        </button>
        {comparing && (
          <button type="button" onClick={onStopComparing} data-testid="diff-close">
            Back to editing
          </button>
        )}
      </div>
      {comparing && (
        <p className="legend">
          <span className="swatch mark-added">added</span>{' '}
          <span className="swatch mark-removed">removed</span>{' '}
          <span className="swatch mark-changed">changed</span>{' '}
          <span className="swatch mark-moved">moved</span>
          {changedSettings.length > 0 && (
            <span> · settings changed: {changedSettings.join(', ')}</span>
          )}
        </p>
      )}
    </section>
  );
}
