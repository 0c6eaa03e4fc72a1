import type { MailTemplates } from './en.ts';

/** Japanese e-mails to buyers of the Japanese marketplace (polite form). */
export const ja: Pick<MailTemplates, 'buyer'> = {
  buyer: {
    lateRequestCoupon: {
      subject: '返金のご依頼について',
      text: 'ご注文 {{orderId}} の返金のご依頼は、お届けから15日を過ぎて承ったため、返金いたしかねます。お詫びとして、最低購入金額なしでご利用いただける {{couponValueCents, money}} のクーポンをお送りします：{{couponCode}}',
    },
    refundRejected: {
      subject: '返金のご依頼について',
      text: 'ご注文 {{orderId}} の返金のご依頼を確認いたしましたが、承認いたしかねます。',
    },
    returnLabel: {
      subject: 'ご注文 {{orderId}} の返品ラベル',
      text: '返品を承認いたしました。RMA番号 {{rmaId}} を添えて、商品を {{storeName}}（{{city}}）までお持ちいただくか、ご発送ください。',
    },
    returnNotReceived: {
      subject: '返品商品が届いておりません',
      text: 'ご注文 {{orderId}}（RMA番号 {{rmaId}}）の返品商品を受け取っていないため、返金は行われていません。',
    },
    refundIssued: {
      subject: 'ご注文 {{orderId}} の返金手続きが完了しました',
      text: '{{refundAmount, amount}} を元のお支払い方法に返金いたしました。',
    },
    claimRefunded: {
      subject: 'ご注文 {{orderId}} の返金について',
      text: 'Amazonマーケットプレイス保証の申請 {{claimId}} につきまして、{{refundAmount, amount}} を返金いたしました。',
    },
  },
};
