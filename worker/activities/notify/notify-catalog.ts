import type { ActivityCatalog, FieldSpec } from '#flow-language';

const field = (type: FieldSpec['type'], description: string, required = true): FieldSpec => ({
  type,
  required,
  description,
});

/** Messages out of a flow: email to buyers and teams, webhooks to other systems. */
export const notifyCatalog: ActivityCatalog = [
  {
    name: 'notify.sendEmail',
    system: 'notify',
    title: 'Send email',
    description:
      'Sends an email over SMTP (or only records it in the outbox when no SMTP server is ' +
      'configured). Sent once per message id, however often the step is retried.',
    inputs: {
      // Usually the buyer: arrives sealed and is opened only to hand it to the SMTP server.
      to: { ...field('string', 'Recipients, comma-separated'), pii: true },
      subject: field('string', 'Subject line (unless a template writes it)', false),
      text: field('string', 'Plain-text body (unless a template writes it)', false),
      template: field(
        'string',
        'A written mail instead of subject and text: buyer.<name> in the marketplace’s language, team.<name> in the team’s',
        false,
      ),
      marketplace: field(
        'string',
        'The case’s marketplace (case.marketplace): a buyer mail’s language',
        false,
      ),
      values: field('object', 'The template’s values, e.g. { orderId }', false),
      html: field('string', 'HTML body', false),
      cc: field('string', 'Copy to, comma-separated', false),
      replyTo: field('string', 'Reply-To address', false),
      messageId: field('string', 'Idempotency key; defaults to the workflow and node visit', false),
    },
    output: {
      messageId: field('string', 'Outbox id'),
      status: field('string', 'sent, or stored when no SMTP server is configured'),
      delivered: field('boolean', 'Accepted by the SMTP server'),
    },
    sideEffects: true,
  },
  {
    name: 'notify.callWebhook',
    system: 'notify',
    title: 'Call webhook',
    description:
      'POSTs { id, event, createdAt, data } as JSON, signed with HMAC-SHA256 in ' +
      'x-acorn-signature. 5xx and timeouts are retried; other 4xx fail the step.',
    inputs: {
      url: field('string', 'http(s) endpoint'),
      event: field('string', 'Event name, e.g. refund.approved'),
      payload: field('object', 'The data'),
      deliveryId: field(
        'string',
        'Idempotency key; defaults to the workflow and node visit',
        false,
      ),
    },
    output: {
      deliveryId: field('string', 'Outbox id, also sent as x-acorn-delivery-id'),
      status: field('string', 'sent, or stored when no webhook secret is configured'),
      delivered: field('boolean', 'Answered 2xx'),
      responseStatus: field('integer', 'The HTTP status', false),
    },
    sideEffects: true,
  },
];
