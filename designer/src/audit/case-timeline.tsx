import { useState } from 'react';
import type { TimelineItem } from '#api-contract/audit';
import { describeEvent } from '../runs/trail-timeline.tsx';
import { formatInstant } from '../session/format.ts';
import { useLoaded } from '../session/use-loaded.ts';
import { useUserNames } from '../session/user-names.ts';
import { auditApi } from './audit-api.ts';

/** The case's audit timeline: the business trail, and Temporal's history on demand. */
export function CaseTimeline({ caseId, version }: { caseId: string; version: string }) {
  const timeline = useLoaded(() => auditApi.timeline(caseId), `${caseId}@${version}`);
  const [withHistory, setWithHistory] = useState(false);
  if (timeline.error) return <p className="bad">{timeline.error}</p>;
  if (!timeline.value) return <p className="muted">Loading the timeline…</p>;
  const items = timeline.value.items.filter((item) => withHistory || item.source === 'trail');
  return (
    <>
      <label className="field-check">
        <input
          type="checkbox"
          checked={withHistory}
          onChange={(event) => setWithHistory(event.target.checked)}
          data-testid="timeline-history"
        />
        Show the workflow history recorded by Temporal too
      </label>
      <table className="grid compact timeline-table" data-testid="case-timeline">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Node</th>
            <th>Inputs and outputs</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <TimelineRow key={`${item.source}-${item.runId ?? ''}-${item.ref}`} item={item} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function TimelineRow({ item }: { item: TimelineItem }) {
  const nameOf = useUserNames();
  return (
    <tr className={item.source === 'history' ? 'history' : undefined}>
      <td className="nowrap">{formatInstant(item.at)}</td>
      <td>{nameOf(item.who)}</td>
      <td>
        <span className="event-type">{item.what}</span>
        {item.source === 'trail' && describeTrailItem(item) !== item.what && (
          <div>{describeTrailItem(item)}</div>
        )}
        {item.failure && <div className="bad small">{item.failure}</div>}
      </td>
      <td>{item.nodeId ?? item.activityType ?? ''}</td>
      <td>
        <DataPeek name="inputs" value={item.inputs} />
        <DataPeek name="outputs" value={item.outputs} />
      </td>
    </tr>
  );
}

/** Trail lines carry the event's details as outputs; say what they mean in words. */
function describeTrailItem(item: TimelineItem): string {
  const details =
    item.outputs && typeof item.outputs === 'object'
      ? (item.outputs as Record<string, unknown>)
      : {};
  return describeEvent({ sequence: item.ref, at: item.at, type: item.what, details });
}

function DataPeek({ name, value }: { name: string; value: unknown }) {
  if (value === undefined) return null;
  return (
    <details className="event-data">
      <summary>{name}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
