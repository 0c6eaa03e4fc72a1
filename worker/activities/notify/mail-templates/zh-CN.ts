import type { MailTemplates } from './en.ts';

/** Chinese notifications to the team (sellers' operations teams in China). */
export const zhCN: Pick<MailTemplates, 'team'> = {
  team: {
    interceptShipment: {
      subject: '拦截订单 {{orderId}}（案例 {{caseId}}）',
      text: '买家在订单 {{orderId}} 送达前申请了退款。请通知承运商拦截包裹（退回发件人）；包裹退回后再退款。',
    },
    cancelUnshipped: {
      subject: '取消未发货订单 {{orderId}}（案例 {{caseId}}）',
      text: '买家在订单 {{orderId}} 发货前申请了退款。请在卖家中心取消该订单（原因：买家取消），不要发货；亚马逊会在取消时退款给买家。',
    },
    manualHandling: {
      subject: '退款案例 {{caseId}} 需要人工处理',
      text: '平台未能完成订单 {{orderId}} 的这一步。请人工处理并记录结果。',
    },
  },
};
