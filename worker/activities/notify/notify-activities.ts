import { ApplicationFailure } from '@temporalio/activity';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { isPiiEnvelope, type PiiEnvelope } from '#flow-language';
import { activityKey, businessId } from '../activity-key.ts';
import { type CatalogActivity, catalogActivity } from '../catalog-activity.ts';
import { callWebhook } from './call-webhook.ts';
import { type EmailTransport, smtpTransport } from './email-transport.ts';
import { MailTemplateProblem, renderMail, type TemplateMail } from './mail-templates.ts';
import { notifyCatalog } from './notify-catalog.ts';
import { loadNotifyConfig, type NotifyConfig } from './notify-config.ts';
import { OutboxConflictError, outbox } from './outbox.ts';
import { sealedRecipient } from './sealed-recipients.ts';
import { sendEmail } from './send-email.ts';

export interface NotifyActivityDeps {
  database: Connection;
  /** Defaults to loadNotifyConfig(process.env). */
  config?: NotifyConfig;
  /** Defaults to SMTP when configured; undefined means outbox only. */
  emailTransport?: EmailTransport;
  fetch?: typeof fetch;
}

const absent = (value: unknown) => (value === null || value === '' ? undefined : value);
const optionalText = z.preprocess(absent, z.string().min(1).optional());
const addresses = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()).min(1));

// A buyer's address comes sealed (`pii`): it is kept sealed and opened only to send.
const sealedAddress = z
  .custom<PiiEnvelope>(isPiiEnvelope)
  .transform((envelope) => [sealedRecipient(envelope)]);

const EmailInput = z
  .object({
    to: z.union([sealedAddress, addresses]),
    subject: optionalText,
    text: z.string().optional(),
    html: optionalText,
    cc: z.preprocess(absent, addresses.optional()),
    replyTo: z.preprocess(absent, z.email().optional()),
    messageId: optionalText,
    template: z.preprocess(
      absent,
      z
        .string()
        .regex(/^(buyer|team)\.[A-Za-z]+$/)
        .optional(),
    ),
    marketplace: optionalText,
    values: z.preprocess(
      absent,
      z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    ),
  })
  .refine((email) => email.template || (email.subject && email.text !== undefined), {
    message: 'Give a template, or a subject and a text',
  });

const WebhookInput = z.object({
  url: z.string().min(1),
  event: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  deliveryId: optionalText,
});

export function createNotifyActivities(deps: NotifyActivityDeps): CatalogActivity[] {
  const config = deps.config ?? loadNotifyConfig();
  const transport = deps.emailTransport ?? (config.smtp && smtpTransport(config.smtp));
  const messages = outbox(deps.database);
  const entry = (name: string) => {
    const found = notifyCatalog.find((descriptor) => descriptor.name === name);
    if (!found) throw new Error(`${name} is not in the notify catalog`);
    return found;
  };

  return [
    catalogActivity(entry('notify.sendEmail'), async (input) => {
      const { messageId, template, marketplace, values, ...email } = parse(EmailInput, input);
      const id = messageId ?? businessId('MSG', activityKey(undefined));
      const content = template
        ? writtenFrom({ template, marketplace, values }, config.teamLanguages)
        : { subject: email.subject ?? '', text: email.text ?? '' };
      return conflictsAreFinal(() =>
        sendEmail(
          { outbox: messages, from: config.from, transport },
          { ...email, ...content, messageId: id },
        ),
      );
    }),
    catalogActivity(entry('notify.callWebhook'), async (input) => {
      const { deliveryId, ...request } = parse(WebhookInput, input);
      const id = deliveryId ?? businessId('WHK', activityKey(undefined));
      const webhookDeps = { outbox: messages, config: config.webhook, fetch: deps.fetch };
      return conflictsAreFinal(() => callWebhook(webhookDeps, { ...request, deliveryId: id }));
    }),
  ];
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw ApplicationFailure.nonRetryable(problems.join('; '), 'InvalidActivityInput');
}

function writtenFrom(mail: TemplateMail, teamLanguages: NotifyConfig['teamLanguages']) {
  try {
    return renderMail(mail, teamLanguages);
  } catch (error) {
    if (!(error instanceof MailTemplateProblem)) throw error;
    throw ApplicationFailure.nonRetryable(error.message, 'MailTemplateProblem');
  }
}

async function conflictsAreFinal<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    throw ApplicationFailure.nonRetryable(error.message, 'OutboxConflict');
  }
}
