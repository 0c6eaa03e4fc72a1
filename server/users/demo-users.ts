import type { CreateUserRequest } from '#api-contract/users';
import { STORE_STAFF_GROUP_PREFIX } from '#flow-language';
import type { Logger } from '#platform/logger';
import { DEMO_STORES } from '../../worker/activities/store/seed-demo-stores.ts';
import type { ApiTokens } from './api-tokens.ts';
import { type UserDirectory, UsernameTaken } from './user-directory.ts';

type DemoUser = Omit<CreateUserRequest, 'password'>;

/** One user per role, with the groups the demo flows' approval nodes assign to, and store staff. */
export const demoUsers: DemoUser[] = [
  { username: 'ada', displayName: 'Ada (admin)', roles: ['admin'], groups: [], scope: {} },
  {
    username: 'rob',
    displayName: 'Rob (reviewer)',
    roles: ['reviewer'],
    groups: ['refund-reviewer'],
    scope: {},
  },
  {
    username: 'rae',
    displayName: 'Rae (reviewer, finance)',
    roles: ['reviewer'],
    groups: ['refund-reviewer', 'finance-approver'],
    scope: {},
  },
  { username: 'aud', displayName: 'Aud (auditor)', roles: ['auditor'], groups: [], scope: {} },
  {
    username: 'rita',
    displayName: 'Rita (requester)',
    roles: ['requester'],
    groups: [],
    scope: {},
  },
  ...DEMO_STORES.map(demoStoreStaff),
];

/**
 * One staff member per demo store (`staff-nyc-soho`, ...): the store's group is how a task
 * routed to that store (the refund policy's grading) reaches them and nobody else.
 */
function demoStoreStaff(store: { storeId: string; name: string }): DemoUser {
  return {
    username: `staff-${store.storeId}`,
    displayName: `${store.name} (store staff)`,
    roles: ['store-staff'],
    groups: [`${STORE_STAFF_GROUP_PREFIX}${store.storeId}`],
    scope: {},
  };
}

export interface DemoCredentials {
  /** Absent, no demo user is seeded: the demo password never lives in the repo. */
  password?: string | undefined;
  /** The secret of Rita's integration token; absent, no token is seeded. */
  integrationToken?: string | undefined;
}

/** Seeds the demo users and Rita's integration token; a second run changes nothing. */
export async function seedDemoUsers(
  users: UserDirectory,
  apiTokens: ApiTokens,
  credentials: DemoCredentials,
  logger: Logger,
): Promise<void> {
  const { password } = credentials;
  if (!password) {
    logger.warn('demo data is on but ACORN_DEMO_PASSWORD is not set: no demo users seeded');
    return;
  }
  let created = 0;
  for (const user of demoUsers) {
    try {
      await users.create({ ...user, password });
      created += 1;
    } catch (error) {
      if (!(error instanceof UsernameTaken)) throw error;
    }
  }
  const rita = (await users.list()).find(({ username }) => username === 'rita');
  if (credentials.integrationToken && rita) {
    await apiTokens.seed(credentials.integrationToken, {
      tokenId: 't-demo-rita-integration',
      name: 'Demo shop integration (Rita)',
      userId: rita._id,
      roles: ['requester'],
    });
  }
  logger.info({ created, users: demoUsers.map(({ username }) => username) }, 'demo users ready');
}
