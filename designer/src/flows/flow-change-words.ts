import {
  DIMENSION_PARAM,
  type FlowChange,
  type FlowChangeParams,
  KIND_PARAMS,
} from '#flow-language';
import { i18n } from '../i18n/i18n.ts';

/** Node kinds and scope dimensions among the values are words too, in the reader's language. */
function translatedParams(params: FlowChangeParams): FlowChangeParams {
  const words: FlowChangeParams = { ...params };
  for (const name of KIND_PARAMS) {
    const kind = params[name];
    if (typeof kind === 'string' && i18n.exists(`nodeKinds.${kind}`))
      words[name] = i18n.t(`nodeKinds.${kind}` as never);
  }
  const dimension = params[DIMENSION_PARAM];
  if (typeof dimension === 'string' && i18n.exists(`scopeDimensions.${dimension}`))
    words[DIMENSION_PARAM] = i18n.t(`scopeDimensions.${dimension}` as never);
  return words;
}

/** A change between two versions in the reader's language: "高价值 阈值 200.00 → 150.00". */
export function flowChangeText({ code, params }: FlowChange): string {
  return String(i18n.t(`flowChanges.${code}` as never, translatedParams(params)));
}

/** A stable React key for a change: the same change never appears twice in one diff. */
export const flowChangeKey = ({ code, params }: FlowChange) => `${code} ${JSON.stringify(params)}`;
