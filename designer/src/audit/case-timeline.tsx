import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '#api-contract/audit';
import { describeEvent } from '../runs/trail-timeline.tsx';
import { formatInstant } from '../session/format.ts';
import { useLoaded } from '../session/use-loaded.ts';
import { useUtcTimes } from '../session/use-utc.ts';
import { useUserNames } from '../session/user-names.ts';
import { UtcToggle } from '../session/utc-toggle.tsx';
import { auditApi } from './audit-api.ts';

/** The case's audit timeline: the business trail, and Temporal's history on demand. */
export function CaseTimeline({ caseId, version }: { caseId: string; version: string }) {
  const timeline = useLoaded(() => auditApi.timeline(caseId), `${caseId}@${version}`);
  const [withHistory, setWithHistory] = useState(false);
  const [utc, setUtc] = useUtcTimes();
  const { t } = useTranslation();
  if (timeline.error) return <p className="bad">{timeline.error}</p>;
  if (!timeline.value) return <p className="muted">{t('audit.loadingTimeline')}</p>;
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
        {t('audit.withHistory')}
      </label>
      <UtcToggle utc={utc} onChange={setUtc} />
      <table className="grid compact timeline-table" data-testid="case-timeline">
        <thead>
          <tr>
            <th>{t('audit.when')}</th>
            <th>{t('audit.who')}</th>
            <th>{t('audit.what')}</th>
            <th>{t('audit.node')}</th>
            <th>{t('audit.inputsOutputs')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <TimelineRow
              key={`${item.source}-${item.runId ?? ''}-${item.ref}`}
              item={item}
              utc={utc}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

function TimelineRow({ item, utc }: { item: TimelineItem; utc: boolean }) {
  const nameOf = useUserNames();
  const { t } = useTranslation();
  return (
    <tr className={item.source === 'history' ? 'history' : undefined}>
      <td className="nowrap">{formatInstant(item.at, { utc })}</td>
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
        <DataPeek name={t('audit.inputs')} value={item.inputs} />
        <DataPeek name={t('audit.outputs')} value={item.outputs} />
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
