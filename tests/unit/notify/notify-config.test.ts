import { describe, expect, it } from 'vitest';
import { ActivityCatalogSchema } from '#flow-language';
import { isPermanentSmtpFailure } from '../../../worker/activities/notify/email-transport.ts';
import { loadNotifyConfig, notifyCatalog } from '../../../worker/activities/notify/index.ts';
import { smtpMessageId } from '../../../worker/activities/notify/send-email.ts';
import {
  signWebhook,
  verifyWebhookSignature,
} from '../../../worker/activities/notify/webhook-signature.ts';

describe('loadNotifyConfig', () => {
  it('has no SMTP and no webhook secret by default: everything goes to the outbox', () => {
    expect(loadNotifyConfig({})).toEqual({
      smtp: undefined,
      from: 'Acorn Flow <no-reply@acorn-flow.local>',
      webhook: { secret: undefined, timeoutMs: 10_000, allowedHosts: undefined },
      teamLanguages: ['zh-CN', 'en'],
    });
  });

  it('writes team notifications in the languages NOTIFY_TEAM_LANGUAGES names, and no others', () => {
    expect(loadNotifyConfig({ NOTIFY_TEAM_LANGUAGES: 'en' }).teamLanguages).toEqual(['en']);
    expect(() => loadNotifyConfig({ NOTIFY_TEAM_LANGUAGES: 'en,fr' })).toThrow(
      /NOTIFY_TEAM_LANGUAGES/,
    );
  });

  it('prefers SMTP_URL, else builds options from the separate variables', () => {
    expect(
      loadNotifyConfig({ SMTP_URL: 'smtps://u:p@mail.example:465', SMTP_HOST: 'ignored' }).smtp,
    ).toMatchObject({ url: 'smtps://u:p@mail.example:465' });
    const smtp = loadNotifyConfig({
      SMTP_HOST: 'mail.example',
      SMTP_USER: 'u',
      SMTP_PASS: 'p',
      SMTP_SECURE: 'true',
      SMTP_PORT: '465',
    }).smtp;
    expect(smtp).toMatchObject({
      host: 'mail.example',
      port: 465,
      secure: true,
      auth: { user: 'u', pass: 'p' },
    });
    expect(loadNotifyConfig({ SMTP_HOST: 'mail.example' }).smtp).toMatchObject({
      port: 587,
      secure: false,
      auth: undefined,
    });
  });

  it('treats empty variables as unset and refuses weak or malformed settings', () => {
    expect(loadNotifyConfig({ SMTP_URL: '', NOTIFY_WEBHOOK_SECRET: '' }).smtp).toBeUndefined();
    expect(() => loadNotifyConfig({ NOTIFY_WEBHOOK_SECRET: 'short' })).toThrow(
      /NOTIFY_WEBHOOK_SECRET/,
    );
    expect(() => loadNotifyConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(
      loadNotifyConfig({ NOTIFY_WEBHOOK_ALLOWED_HOSTS: ' Hooks.Partner.example, ,erp.example ' })
        .webhook.allowedHosts,
    ).toEqual(['hooks.partner.example', 'erp.example']);
  });

  it('is a valid activity catalog', () => {
    expect(ActivityCatalogSchema.safeParse(notifyCatalog).success).toBe(true);
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec-unit-0123456789';
  const body = '{"id":"dlv-1","event":"refund.approved"}';
  const now = Date.UTC(2026, 0, 1);
  const timestamp = now / 1000;

  it('verifies its own signature and nothing else', () => {
    const header = signWebhook(secret, body, timestamp);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, body, header, { now })).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, header, { now })).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, body, header, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, body, 't=abc,v1=00', { now })).toBe(false);
  });

  it('refuses a replay outside the tolerance', () => {
    const header = signWebhook(secret, body, timestamp);
    expect(verifyWebhookSignature(secret, body, header, { now: now + 301_000 })).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, { now: now + 299_000 })).toBe(true);
  });
});

describe('email helpers', () => {
  it('makes one Message-ID per message id, in the sender domain', () => {
    const id = smtpMessageId('MSG-1', 'Acorn Returns <returns@acorn.example>');
    expect(id).toMatch(/^<[0-9a-f]{32}@acorn\.example>$/);
    expect(smtpMessageId('MSG-1', 'returns@acorn.example')).toBe(id);
    expect(smtpMessageId('MSG-2', 'returns@acorn.example')).not.toBe(id);
  });

  it('treats only 5xx SMTP replies as permanent', () => {
    expect(isPermanentSmtpFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpFailure({ responseCode: 451 })).toBe(false);
    expect(isPermanentSmtpFailure(new Error('ECONNREFUSED'))).toBe(false);
    expect(isPermanentSmtpFailure(null)).toBe(false);
  });
});
