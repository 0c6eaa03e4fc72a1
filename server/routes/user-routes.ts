import {
  apiTokenListSchema,
  apiTokenSchema,
  createApiTokenSchema,
  createdApiTokenSchema,
  createUserSchema,
  tokenIdParamsSchema,
  updateUserSchema,
  userIdParamsSchema,
  userListSchema,
  userSchema,
} from '#api-contract/users';
import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import { ApiError } from '../http/api-errors.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import { refuseSelfLockout } from '../users/self-lockout.ts';
import { toApiTokenAnswer, toUserAnswer } from '../users/user-answers.ts';

export function userRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/users',
      tag: 'Users',
      summary: 'Every local user, by username',
      access: ['admin', 'auditor'],
      success: { description: 'The users', schema: userListSchema },
      handle: async () => ({ items: (await services.users.list()).map(toUserAnswer) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      tag: 'Users',
      summary: 'Create a user with a password, roles, groups and scope',
      access: ['admin'],
      body: createUserSchema,
      success: { status: 201, description: 'The new user', schema: userSchema },
      handle: async ({ caller, body }) => {
        const user = await services.users.create(body);
        await services.auditLog.record({
          actor: auditActor(caller),
          action: 'user.created',
          target: { kind: 'user', id: user._id },
          details: { username: user.username, roles: user.roles, groups: user.groups },
        });
        return toUserAnswer(user);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/users/:userId',
      tag: 'Users',
      summary: 'One user',
      access: ['admin', 'auditor'],
      params: userIdParamsSchema,
      success: { description: 'The user', schema: userSchema },
      handle: async ({ params }) => toUserAnswer(await services.users.get(params.userId)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/users/:userId',
      tag: 'Users',
      summary: 'Change roles, groups, scope or display name, disable, or reset the password',
      access: ['admin'],
      params: userIdParamsSchema,
      body: updateUserSchema,
      success: { description: 'The user as changed', schema: userSchema },
      handle: async ({ caller, params, body }) => {
        refuseSelfLockout(caller, params.userId, body);
        const user = await services.users.update(params.userId, body);
        const { password, ...changed } = body;
        await services.auditLog.record({
          actor: auditActor(caller),
          action: 'user.updated',
          target: { kind: 'user', id: user._id },
          details: { ...changed, passwordReset: password !== undefined },
        });
        return toUserAnswer(user);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/tokens',
      tag: 'Users',
      summary: 'Every API token (without secrets), newest first',
      access: ['admin', 'auditor'],
      success: { description: 'The tokens', schema: apiTokenListSchema },
      handle: async () => ({ items: (await services.apiTokens.list()).map(toApiTokenAnswer) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tokens',
      tag: 'Users',
      summary: 'Issue an API token for an integration; the answer shows its secret once',
      access: ['admin'],
      body: createApiTokenSchema,
      success: {
        status: 201,
        description: 'The token with its secret',
        schema: createdApiTokenSchema,
      },
      handle: async ({ caller, body }) => {
        if (body.userId && !(await services.users.find(body.userId))) {
          throw new ApiError(422, 'unknown_user', 'The token’s userId names no user.');
        }
        const { token, secret } = await services.apiTokens.issue(body, caller.userId);
        await services.auditLog.record({
          actor: auditActor(caller),
          action: 'token.created',
          target: { kind: 'api-token', id: token._id },
          details: {
            name: token.name,
            prefix: token.prefix,
            userId: token.userId,
            roles: token.roles,
          },
        });
        return { ...toApiTokenAnswer(token), secret };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/tokens/:tokenId',
      tag: 'Users',
      summary: 'Revoke an API token; its next call is refused',
      access: ['admin'],
      params: tokenIdParamsSchema,
      success: { description: 'The revoked token', schema: apiTokenSchema },
      handle: async ({ caller, params }) => {
        const token = await services.apiTokens.revoke(params.tokenId, caller.userId);
        await services.auditLog.record({
          actor: auditActor(caller),
          action: 'token.revoked',
          target: { kind: 'api-token', id: token._id },
          details: { name: token.name, prefix: token.prefix },
        });
        return toApiTokenAnswer(token);
      },
    }),
  ];
}
