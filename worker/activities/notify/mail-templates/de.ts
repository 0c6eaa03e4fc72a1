import type { MailTemplates } from './en.ts';

/** German e-mails to buyers of the German marketplace (Sie-Form, as German shops write). */
export const de: Pick<MailTemplates, 'buyer'> = {
  buyer: {
    lateRequestCoupon: {
      subject: 'Zu Ihrer Erstattungsanfrage',
      text: 'Ihre Anfrage zur Bestellung {{orderId}} ging mehr als 15 Tage nach der Zustellung ein, daher können wir sie nicht erstatten. Als Entschuldigung erhalten Sie einen Gutschein über {{couponValueCents, money}} ohne Mindestbestellwert: {{couponCode}}',
    },
    refundRejected: {
      subject: 'Zu Ihrer Erstattungsanfrage',
      text: 'Wir haben Ihre Erstattungsanfrage zur Bestellung {{orderId}} geprüft und können sie leider nicht genehmigen.',
    },
    returnLabel: {
      subject: 'Rücksendeetikett für Bestellung {{orderId}}',
      text: 'Ihre Rücksendung ist genehmigt. Bitte bringen oder senden Sie den Artikel an {{storeName}} ({{city}}) unter Angabe der RMA {{rmaId}}.',
    },
    returnNotReceived: {
      subject: 'Ihre Rücksendung ist nicht eingetroffen',
      text: 'Wir haben die Rücksendung zur Bestellung {{orderId}} (RMA {{rmaId}}) nicht erhalten, daher wurde keine Erstattung veranlasst.',
    },
    refundIssued: {
      subject: 'Erstattung für Bestellung {{orderId}} veranlasst',
      text: 'Wir haben {{refundAmount, amount}} auf Ihre ursprüngliche Zahlungsart erstattet.',
    },
    claimRefunded: {
      subject: 'Erstattung für Bestellung {{orderId}}',
      text: 'Wir haben Ihnen zu Ihrem Antrag auf A-bis-z-Garantie {{claimId}} {{refundAmount, amount}} erstattet.',
    },
  },
};
