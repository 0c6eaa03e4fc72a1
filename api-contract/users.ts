import { z } from 'zod';

/** Mirrors `roles` in server/auth/identity.ts; the contract stays free of server imports. */
export const roleSchema = z.enum(['admin', 'reviewer', 'auditor', 'requester', 'store-staff']);
export type RoleName = z.infer<typeof roleSchema>;

/** Lower-case so `Ada` and `ada` cannot be two people. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'Use 2-64 letters, digits, ".", "_" or "-"');

export const passwordSchema = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(256, 'Use at most 256 characters');

/** Approval nodes name their assignee by a role or a group such as `refund-reviewer`. */
const groupSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'Use 1-64 letters, digits, ".", "_" or "-"');

const scopeValues = z.array(z.string().trim().min(1).max(100)).max(200);

/** Where a user or token may act; an absent list means every brand, marketplace or store. */
export const accessScopeSchema = z.strictObject({
  brands: scopeValues.optional(),
  marketplaces: scopeValues.optional(),
  stores: scopeValues.optional(),
});

export const loginRequestSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in caller: a user through a session, or an integration through an API token. */
export const meSchema = z.object({
  userId: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  groups: z.array(z.string()),
  scope: accessScopeSchema,
  via: z.enum(['session', 'token']),
});
export type MeAnswer = z.infer<typeof meSchema>;

/** A user as the API shows it; the password hash has no field here, so it can never be sent. */
export const userSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  groups: z.array(z.string()),
  scope: accessScopeSchema,
  disabled: z.boolean(),
  /** The language the user chose for the web app; absent until they choose. */
  language: z.enum(['en', 'zh-CN']).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type UserAnswer = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema) });

export const userIdParamsSchema = z.object({
  userId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'Not a user id'),
});

const displayNameSchema = z.string().trim().min(1).max(100);
const rolesSchema = z.array(roleSchema).min(1, 'Give at least one role');
const groupsSchema = z.array(groupSchema).max(50);

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  roles: rolesSchema,
  groups: groupsSchema.default([]),
  scope: accessScopeSchema.default({}),
});
export type CreateUserRequest = z.infer<typeof createUserSchema>;

/** Every field optional; `password` resets it, `scope` replaces the whole scope. */
export const updateUserSchema = z
  .strictObject({
    displayName: displayNameSchema,
    password: passwordSchema,
    roles: rolesSchema,
    groups: groupsSchema,
    scope: accessScopeSchema,
    disabled: z.boolean(),
  })
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'Change at least one field');
export type UpdateUserRequest = z.infer<typeof updateUserSchema>;

export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** The user the integration acts for; its requests are theirs, and end when they are disabled. */
  userId: userIdParamsSchema.shape.userId.optional(),
  roles: rolesSchema,
  groups: groupsSchema.default([]),
  scope: accessScopeSchema.default({}),
});
export type CreateApiTokenRequest = z.infer<typeof createApiTokenSchema>;

export const apiTokenSchema = z.object({
  tokenId: z.string(),
  name: z.string(),
  /** The first characters of the secret, to recognise a token in a log or a config file. */
  prefix: z.string(),
  userId: z.string().optional(),
  roles: z.array(roleSchema),
  groups: z.array(z.string()),
  scope: accessScopeSchema,
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  lastUsedAt: z.iso.datetime().optional(),
  revokedAt: z.iso.datetime().optional(),
});
export type ApiTokenAnswer = z.infer<typeof apiTokenSchema>;

/** Only this answer carries the secret: it is stored as a hash and cannot be shown again. */
export const createdApiTokenSchema = apiTokenSchema.extend({ secret: z.string() });

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

export const tokenIdParamsSchema = z.object({
  tokenId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'Not a token id'),
});

/** The languages of the web app and of team notifications; kept on the user's account. */
export const languageSchema = z.enum(['en', 'zh-CN']);
export type LanguageCode = z.infer<typeof languageSchema>;

/** The caller's own settings; no language until they choose one (the browser's is used till then). */
export const preferencesSchema = z.object({ language: languageSchema.optional() });
export type PreferencesAnswer = z.infer<typeof preferencesSchema>;

export const updatePreferencesSchema = z.strictObject({ language: languageSchema });
