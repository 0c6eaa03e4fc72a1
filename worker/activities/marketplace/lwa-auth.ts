import { SellingPartnerApiAuth } from '@sp-api-sdk/auth';
import { ApplicationFailure } from '@temporalio/activity';
import { AMAZON_LWA_TOKEN_ENDPOINT, type MarketplaceConfig } from './marketplace-config.ts';

// Refresh a minute early, so a token never expires between the check and Amazon's reply.
const EARLY_REFRESH_MS = 60_000;

/**
 * The SDK's LWA client posts to api.amazon.com only; this subclass sends the same refresh-token
 * grant to a configured token endpoint (the local emulator, a proxy) and is used only then.
 */
class ConfigurableEndpointAuth extends SellingPartnerApiAuth {
  #token?: { value: string; expiresAt: number };
  #pending?: Promise<string>;

  constructor(
    private readonly lwa: MarketplaceConfig['credentials'],
    private readonly tokenEndpoint: string,
    private readonly timeoutMs: number,
  ) {
    super({
      clientId: lwa.clientId,
      clientSecret: lwa.clientSecret,
      refreshToken: lwa.refreshToken,
    });
  }

  override async getAccessToken(): Promise<string> {
    if (this.#token && Date.now() < this.#token.expiresAt) return this.#token.value;
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #refresh(): Promise<string> {
    const response = await fetch(this.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: this.lwa.refreshToken,
        client_id: this.lwa.clientId,
        client_secret: this.lwa.clientSecret,
      }),
      signal: AbortSignal.timeout(this.timeoutMs),
    }).catch((error: unknown) => {
      throw ApplicationFailure.retryable(
        `LWA token endpoint unreachable: ${String(error)}`,
        'LwaUnavailable',
      );
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw lwaFailure(response.status, body);
    const lifetimeMs = Number(body.expires_in ?? 3600) * 1000;
    const value = String(body.access_token);
    this.#token = { value, expiresAt: Date.now() + lifetimeMs - EARLY_REFRESH_MS };
    return value;
  }
}

function lwaFailure(status: number, body: Record<string, unknown>): ApplicationFailure {
  const message = `LWA token request failed (${status}): ${body.error ?? ''} ${body.error_description ?? ''}`;
  // Wrong client or refresh token stays wrong on every attempt; an LWA outage does not.
  return status >= 500 || status === 429
    ? ApplicationFailure.retryable(message, 'LwaUnavailable')
    : ApplicationFailure.nonRetryable(message, 'LwaTokenRejected');
}

export function createLwaAuth(config: MarketplaceConfig): SellingPartnerApiAuth {
  const { credentials, tokenEndpoint } = config;
  if (tokenEndpoint === AMAZON_LWA_TOKEN_ENDPOINT) {
    return new SellingPartnerApiAuth({
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      refreshToken: credentials.refreshToken,
    });
  }
  return new ConfigurableEndpointAuth(credentials, tokenEndpoint, config.requestTimeoutMs);
}
