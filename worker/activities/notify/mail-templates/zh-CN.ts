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
    claimContest: {
      subject: '申诉亚马逊商城交易保障索赔 {{claimId}}',
      text: '审核人决定对订单 {{orderId}} 的索赔 {{claimId}} 提出申诉。请在卖家中心提交证据：{{comment}}',
    },
    claimGranted: {
      subject: '亚马逊已批准交易保障索赔 {{claimId}}',
      text: '亚马逊已自行赔付订单 {{orderId}} 的索赔 {{claimId}}，并向我们扣款；我们未发起退款。已在账簿中记为 {{entryKey}}。',
    },
    claimManualHandling: {
      subject: '交易保障索赔 {{claimId}} 需要人工处理',
      text: '订单 {{orderId}} 的平台步骤失败。请人工处理该索赔并记录结果。',
    },
    chargebackBooked: {
      subject: '拒付 {{chargebackId}} 已入账',
      text: '亚马逊因订单 {{orderId}} 的拒付向我们扣款 {{amount, money}}。已在账簿中记为 {{entryKey}}，同一商品已入账的退款均已冲销。',
    },
    chargebackDispute: {
      subject: '对拒付 {{chargebackId}} 提出申诉',
      text: '审核人决定对订单 {{orderId}} 的拒付提出申诉。请在亚马逊于该索赔上注明的截止时间前，在卖家中心提交证据：{{evidence}}',
    },
    chargebackManualHandling: {
      subject: '拒付 {{chargebackId}} 需要人工处理',
      text: '订单 {{orderId}} 的拒付未能读取或入账（或亚马逊已将款项退回）。请在卖家中心核实并人工入账。',
    },
    poAcknowledged: {
      subject: '采购订单 {{purchaseOrderNumber}} 已确认：{{code}}',
      text: '亚马逊采购订单 {{purchaseOrderNumber}} 已答复为 {{code}}（事务 {{transactionId}}）。',
    },
    poManualAcknowledgement: {
      subject: '采购订单 {{purchaseOrderNumber}} 需要人工确认',
      text: 'Vendor Central 未接受采购订单 {{purchaseOrderNumber}} 的确认。请在截止时间前人工确认。',
    },
  },
};
