import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionEditor } from '../../../designer/src/flows/inspector/action-editor.tsx';
import { Palette } from '../../../designer/src/flows/palette.tsx';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { zhCN } from '../../../designer/src/i18n/zh-CN.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

afterEach(() => chooseLanguage('en'));

const refund = zhCN.activityDescriptions.marketplace.issueRefund;

function actionEditor(activity: string): string {
  return renderToStaticMarkup(
    createElement(ActionEditor, {
      nodeId: 'refund',
      content: { kind: 'action', activity, inputs: {}, timeoutSeconds: 60 },
      onChange: () => {},
      fields: [],
      catalog: activityCatalog,
    }),
  );
}

describe('activity descriptions where the designer shows them', () => {
  it('gives the palette’s hover text in Chinese', () => {
    chooseLanguage('zh-CN');
    const html = renderToStaticMarkup(
      createElement(Palette, { catalog: activityCatalog, onAdd: () => {} }),
    );
    expect(html).toContain(`title="${refund}"`);
    expect(html).not.toContain('payment-adjustment feed');
  });

  it('explains the chosen activity in the inspector in Chinese, with no English placeholder', () => {
    chooseLanguage('zh-CN');
    const chosen = actionEditor('marketplace.issueRefund');
    expect(chosen).toContain(refund);
    expect(chosen).toContain('<legend>输入（json-logic');
    expect(chosen).not.toContain('Inputs (json-logic');
    const none = actionEditor('');
    expect(none).toContain(zhCN.inspector.chooseActivity);
    expect(none).not.toContain('choose an activity');
  });

  it('gives each input’s hint in the inspector in Chinese', () => {
    chooseLanguage('zh-CN');
    const chosen = actionEditor('marketplace.readReturnFacts');
    const hints = zhCN.activityInputHints.marketplace.readReturnFacts;
    expect(chosen).toContain(`<small>${hints.quantity}</small>`);
    expect(chosen).toContain(`<small>${hints.orderItemId}</small>`);
    expect(chosen).not.toContain('Units returned (default: all)');
    expect(chosen).not.toContain('The returned order item');
  });
});
