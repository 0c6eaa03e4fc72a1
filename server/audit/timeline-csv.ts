import { stringify } from 'csv-stringify/sync';
import type { TimelineItem } from '#api-contract/audit';
import type { LanguageCode } from '#api-contract/users';

const COLUMNS = [
  'at',
  'source',
  'runId',
  'ref',
  'who',
  'what',
  'nodeId',
  'activityType',
  'inputs',
  'outputs',
  'failure',
] as const;
type Column = (typeof COLUMNS)[number];

/** Every column in every language the web app has: a language missing one does not compile. */
const HEADERS: Record<LanguageCode, Record<Column, string>> = {
  en: {
    at: 'Time (UTC)',
    source: 'Source',
    runId: 'Run',
    ref: 'Ref',
    who: 'Who',
    what: 'What',
    nodeId: 'Node',
    activityType: 'Activity',
    inputs: 'Inputs',
    outputs: 'Outputs',
    failure: 'Failure',
  },
  'zh-CN': {
    at: '时间（UTC）',
    source: '来源',
    runId: '运行',
    ref: '序号',
    who: '执行人',
    what: '内容',
    nodeId: '节点',
    activityType: '活动',
    inputs: '输入',
    outputs: '输出',
    failure: '失败原因',
  },
};

export interface TimelineCsvOptions {
  language?: LanguageCode;
  /** A person's display name for the id the timeline names them by; unknown ids stay as they are. */
  nameOf?: (who: string) => string;
}

/**
 * Headers in the reader's language and people by name. The BOM tells spreadsheet apps (Excel
 * above all) the file is UTF-8, so Chinese text opens readable.
 */
export function timelineCsv(items: TimelineItem[], options: TimelineCsvOptions = {}): string {
  const nameOf = options.nameOf ?? ((who: string) => who);
  const rows = items.map((item) => [
    item.at,
    item.source,
    item.runId ?? '',
    item.ref,
    nameOf(item.who),
    item.what,
    item.nodeId ?? '',
    item.activityType ?? '',
    json(item.inputs),
    json(item.outputs),
    item.failure ?? '',
  ]);
  const headers = HEADERS[options.language ?? 'en'];
  return stringify(rows, { bom: true, header: true, columns: COLUMNS.map((c) => headers[c]) });
}

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));
