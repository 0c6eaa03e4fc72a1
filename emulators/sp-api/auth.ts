import { randomBytes } from 'node:crypto';
import express, { type RequestHandler, type Router } from 'express';
import { sendSpApiError } from './responses.ts';
import type { EmulatorStore } from './state.ts';

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** Demo values for a local emulator only; real credentials never live in the repository. */
export const EMULATOR_CREDENTIALS: LwaCredentials = {
  clientId: 'amzn1.application-oa2-client.acorn-emulator',
  clientSecret: 'acorn-emulator-client-secret',
  refreshToken: 'Atzr|acorn-emulator-refresh-token',
};

const TOKEN_LIFETIME_SECONDS = 3600;

/** Login with Amazon: `POST /auth/o2/token` exchanges a refresh token for a 1 h access token. */
export function lwaTokenRouter(store: EmulatorStore, credentials: LwaCredentials): Router {
  const router = express.Router();
  router.post(
    '/auth/o2/token',
    express.urlencoded({ extended: false }),
    express.json(),
    (request, response) => {
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      if (
        body.client_id !== credentials.clientId ||
        body.client_secret !== credentials.clientSecret
      ) {
        response.status(401).json({
          error: 'invalid_client',
          error_description: 'Client authentication failed',
        });
        return;
      }
      if (body.grant_type !== 'refresh_token' || body.refresh_token !== credentials.refreshToken) {
        response.status(400).json({
          error: 'invalid_grant',
          error_description: 'The request has an invalid grant parameter : refresh_token',
        });
        return;
      }
      const accessToken = `Atza|${randomBytes(24).toString('base64url')}`;
      store.data.accessTokens[accessToken] = Date.now() + TOKEN_LIFETIME_SECONDS * 1000;
      store.changed();
      response.json({
        access_token: accessToken,
        refresh_token: credentials.refreshToken,
        token_type: 'bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
      });
    },
  );
  return router;
}

/** Every SP-API operation needs a live LWA access token in `x-amz-access-token`. */
export function requireAccessToken(store: EmulatorStore): RequestHandler {
  return (request, response, next) => {
    const token = request.header('x-amz-access-token');
    const expiresAt = token ? store.data.accessTokens[token] : undefined;
    if (expiresAt === undefined) {
      sendSpApiError(response, 403, 'Unauthorized', 'Access to requested resource is denied.');
      return;
    }
    if (expiresAt < Date.now()) {
      sendSpApiError(response, 403, 'Unauthorized', 'The access token you provided has expired.');
      return;
    }
    next();
  };
}
