import type { Request } from 'express';
import { loginRequestSchema, meSchema } from '#api-contract/users';
import type { ApiServices } from '../api-services.ts';
import { type AuditAction, auditActor } from '../audit/audit-log.ts';
import { identityOfUser } from '../auth/authenticator.ts';
import { type ApiIdentity, roles } from '../auth/identity.ts';
import { defaultLoginRateLimit, loginThrottle } from '../auth/login-rate-limit.ts';
import { SESSION_COOKIE } from '../auth/session-middleware.ts';
import { ApiError } from '../http/api-errors.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';

export function authRoutes(services: ApiServices): ApiRoute[] {
  const throttle = loginThrottle(defaultLoginRateLimit);
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      tag: 'Auth',
      summary: 'Sign in with username and password; answers with a session cookie',
      access: 'public',
      body: loginRequestSchema,
      success: { description: 'The signed-in user', schema: meSchema },
      handle: async ({ body, request, response }) => {
        await throttle(request, response);
        const verdict = await services.users.verifyLogin(body.username, body.password);
        if (!verdict.user) {
          await services.auditLog.record(failedSignIn(body.username, verdict.refusal, request.ip));
          throw new ApiError(401, 'invalid_credentials', 'Wrong username or password.');
        }
        await startSession(request, verdict.user._id);
        const identity = identityOfUser(verdict.user);
        await services.auditLog.record({
          actor: auditActor(identity),
          action: 'login.succeeded',
          target: { kind: 'user', id: identity.userId },
          details: { ip: request.ip },
        });
        return toMe(identity);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'Auth',
      summary: 'End the caller’s session (a no-op for API tokens)',
      access: roles,
      success: { status: 204, description: 'Signed out' },
      handle: async ({ caller, request, response }) => {
        if (caller.via !== 'session') return undefined;
        await endSession(request);
        response.clearCookie(SESSION_COOKIE);
        await services.auditLog.record({
          actor: auditActor(caller),
          action: 'logout',
          target: { kind: 'user', id: caller.userId },
        });
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      tag: 'Auth',
      summary: 'Who the caller is: roles, groups and scope',
      access: roles,
      success: { description: 'The caller', schema: meSchema },
      handle: async ({ caller }) => toMe(caller),
    }),
  ];
}

/**
 * A username that matches no user is often a password typed into the wrong field, so it is never
 * written down; a known username is, so its owner can see who tried.
 */
function failedSignIn(username: string, reason: string, ip: string | undefined): AuditAction {
  const named = reason !== 'unknown-user';
  return {
    actor: { userId: 'anonymous', name: named ? username : 'unknown user', via: 'session' },
    action: 'login.failed',
    target: { kind: 'user', id: named ? username : 'unknown' },
    details: { reason, ip },
  };
}

const toMe = (identity: ApiIdentity) => ({
  userId: identity.userId,
  name: identity.name,
  roles: identity.roles,
  groups: identity.groups ?? [],
  scope: identity.scope ?? {},
  via: identity.via,
});

/** A fresh session id at sign-in, so an id planted before it (session fixation) is worthless. */
function startSession(request: Request, userId: string): Promise<void> {
  const { session } = request;
  if (!session) throw new Error('sessions are not configured: mount sessionMiddleware');
  return new Promise((resolve, reject) => {
    session.regenerate((regenerateError) => {
      if (regenerateError) return reject(regenerateError);
      request.session.userId = userId;
      request.session.signedInAt = Date.now();
      request.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

function endSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    request.session.destroy((error) => (error ? reject(error) : resolve()));
  });
}
