import { EMULATOR_CREDENTIALS } from './auth.ts';
import { US_MARKETPLACE_ID } from './seed-orders.ts';

export const EMULATOR_SELLER_ID = 'A1ACORNEMULATOR';

/** The environment that points the marketplace adapter at an emulator running at `url`. */
export function spApiEmulatorEnv(url: string): Record<string, string> {
  return {
    SP_API_ENDPOINT: url,
    LWA_TOKEN_ENDPOINT: `${url}/auth/o2/token`,
    LWA_CLIENT_ID: EMULATOR_CREDENTIALS.clientId,
    LWA_CLIENT_SECRET: EMULATOR_CREDENTIALS.clientSecret,
    LWA_REFRESH_TOKEN: EMULATOR_CREDENTIALS.refreshToken,
    SP_API_MARKETPLACE_ID: US_MARKETPLACE_ID,
    SP_API_SELLER_ID: EMULATOR_SELLER_ID,
  };
}
