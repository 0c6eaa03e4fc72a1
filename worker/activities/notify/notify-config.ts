import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import { z } from 'zod';
import { TEAM_LANGUAGES, type TeamLanguage } from './mail-languages.ts';

const absent = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(absent, schema.optional());

/** Secrets (SMTP password, webhook secret) come from here only, never from a flow. */
const notifyEnvSchema = z.object({
  /** e.g. smtps://user:pass@smtp.example.com:465; wins over the separate SMTP_* settings. */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
  SMTP_HOST: optional(z.string()),
  SMTP_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  /** true: TLS from the start (465); false: STARTTLS when offered (587, 25). */
  SMTP_SECURE: optional(z.enum(['true', 'false'])),
  SMTP_USER: optional(z.string()),
  SMTP_PASS: optional(z.string()),
  SMTP_FROM: optional(z.string()),
  /** HMAC-SHA256 key for webhook signatures; unset, webhooks are only recorded. */
  NOTIFY_WEBHOOK_SECRET: optional(z.string().min(16, 'use at least 16 characters')),
  NOTIFY_WEBHOOK_TIMEOUT_MS: optional(z.coerce.number().int().positive()),
  /** Comma-separated hosts a flow may call; unset, any http(s) host. */
  NOTIFY_WEBHOOK_ALLOWED_HOSTS: optional(z.string()),
  /** Comma-separated languages team notifications are written in, in order; default `zh-CN,en`. */
  NOTIFY_TEAM_LANGUAGES: optional(
    z
      .string()
      .transform((list) => list.split(',').map((language) => language.trim()))
      .pipe(z.array(z.enum(TEAM_LANGUAGES)).min(1)),
  ),
});

export const notifyConfigVariables = Object.keys(notifyEnvSchema.shape);

export interface WebhookConfig {
  secret?: string;
  timeoutMs: number;
  allowedHosts?: string[];
}

export interface NotifyConfig {
  /** Unset: the embedded default, where email is only recorded in the outbox. */
  smtp?: SMTPTransportOptions;
  from: string;
  webhook: WebhookConfig;
  /** Team notifications from a template carry each of these languages in turn. */
  teamLanguages: TeamLanguage[];
}

export function loadNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const parsed = notifyEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid notify configuration: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  return {
    smtp: smtpOptions(vars),
    from: vars.SMTP_FROM ?? 'Acorn Flow <no-reply@acorn-flow.local>',
    teamLanguages: vars.NOTIFY_TEAM_LANGUAGES ?? [...TEAM_LANGUAGES],
    webhook: {
      secret: vars.NOTIFY_WEBHOOK_SECRET,
      timeoutMs: vars.NOTIFY_WEBHOOK_TIMEOUT_MS ?? 10_000,
      allowedHosts: vars.NOTIFY_WEBHOOK_ALLOWED_HOSTS?.split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    },
  };
}

function smtpOptions(vars: z.infer<typeof notifyEnvSchema>): SMTPTransportOptions | undefined {
  // Short timeouts: a stuck server should fail the attempt and let Temporal retry it.
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
  if (vars.SMTP_URL) return { url: vars.SMTP_URL, ...timeouts };
  if (!vars.SMTP_HOST) return undefined;
  const auth = vars.SMTP_USER ? { user: vars.SMTP_USER, pass: vars.SMTP_PASS } : undefined;
  return {
    host: vars.SMTP_HOST,
    port: vars.SMTP_PORT ?? 587,
    secure: vars.SMTP_SECURE === 'true',
    auth,
    ...timeouts,
  };
}
