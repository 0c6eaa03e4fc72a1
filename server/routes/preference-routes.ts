import { preferencesSchema, updatePreferencesSchema } from '#api-contract/users';
import type { ApiServices } from '../api-services.ts';
import { roles } from '../auth/identity.ts';
import { requirePerson } from '../auth/person.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';

/** The caller's own settings, kept on their user so every browser they sign in on gets them. */
export function preferenceRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/me/preferences',
      tag: 'Auth',
      summary: 'The caller’s language; none until they choose one',
      access: roles,
      success: { description: 'The caller’s settings', schema: preferencesSchema },
      handle: async ({ caller }) => {
        // A token with no user behind it has no settings to keep.
        const user = await services.users.find(caller.userId);
        return user?.language ? { language: user.language } : {};
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/me/preferences',
      tag: 'Auth',
      summary: 'Keep the caller’s language on their user',
      access: roles,
      body: updatePreferencesSchema,
      success: { description: 'The settings as kept', schema: preferencesSchema },
      handle: async ({ caller, body }) => {
        requirePerson(caller, 'keep a language');
        await services.users.chooseLanguage(caller.userId, body.language);
        return { language: body.language };
      },
    }),
  ];
}
