import { describe, expect, it } from 'vitest';
import { nextCaseId } from '../../../designer/src/flows/element-ids.ts';
import { actionContent, defaultContent } from '../../../designer/src/flows/node-defaults.ts';
import { nodeDetail, nodePorts, nodeTitle } from '../../../designer/src/flows/node-summary.ts';
import { catalog } from './sample-flows.ts';

describe('node handles and summaries', () => {
  it('draws one exit per outgoing port of the flow language', () => {
    expect(nodePorts({ kind: 'decision', condition: true })).toEqual(['true', 'false']);
    expect(
      nodePorts({
        kind: 'decision',
        cases: [
          { id: 'small', when: true },
          { id: 'large', when: true },
        ],
      }),
    ).toEqual(['small', 'large', 'default']);
    expect(nodePorts(defaultContent('action'))).toEqual(['next', 'error']);
    expect(nodePorts(defaultContent('end'))).toEqual([]);
  });

  it('offers a timeout exit only for an SLA without escalation', () => {
    const approval = { kind: 'approval', title: 'ok', assignee: { role: 'reviewer' } } as const;
    expect(nodePorts(approval)).toEqual(['approved', 'rejected']);
    expect(nodePorts({ ...approval, sla: { durationSeconds: 60 } })).toEqual([
      'approved',
      'rejected',
      'timeout',
    ]);
    expect(
      nodePorts({ ...approval, sla: { durationSeconds: 60, escalateToRole: 'lead' } }),
    ).toEqual(['approved', 'rejected']);
  });

  it('prefills an action from the catalog, mapping inputs to flow values of the same name', () => {
    const [refund] = catalog;
    if (!refund) throw new Error('empty catalog');
    const content = actionContent(refund);
    expect(content).toMatchObject({
      activity: 'marketplace.issueRefund',
      inputs: { orderId: { var: 'orderId' }, amount: { var: 'amount' } },
    });
    expect(nodeTitle(content)).toBe('Issue refund');
    expect(nodeDetail(content)).toBe('marketplace.issueRefund');
  });
});

describe('decision case ids', () => {
  it('picks the next free identifier-safe id', () => {
    expect(nextCaseId([{ id: 'case_1' }])).toBe('case_2');
    expect(nextCaseId([{ id: 'case_3' }, { id: 'x' }])).toBe('case_4');
  });
});
