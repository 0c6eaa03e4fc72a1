import { type Connection, Schema } from 'mongoose';
import type { LanguageCode } from '#api-contract/users';
import { recordModel } from '#platform/database';
import type { AccessScope, Role } from '../auth/identity.ts';

/** A local user; `passwordHash` is an argon2id PHC string and never leaves this module's callers. */
export interface UserRecord {
  _id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  /** Sessions signed in before this moment are refused, so a password reset signs everyone out. */
  passwordChangedAt: Date;
  roles: Role[];
  groups: string[];
  scope: AccessScope;
  disabled: boolean;
  /** The web app's language the user chose; absent until they choose one. */
  language?: LanguageCode;
  createdAt: Date;
  updatedAt: Date;
}

/** An integration's credential: only a SHA-256 of the secret is kept, so a database dump cannot call the API. */
export interface ApiTokenRecord {
  _id: string;
  name: string;
  prefix: string;
  secretHash: string;
  userId?: string;
  roles: Role[];
  groups: string[];
  scope: AccessScope;
  createdAt: Date;
  createdBy: string;
  lastUsedAt?: Date;
  revokedAt?: Date;
  revokedBy?: string;
}

/** `default: undefined`: an absent list means "everywhere", an empty one would mean "nowhere". */
const scopeList = { type: [String], default: undefined };
const scopeSchema = new Schema<AccessScope>(
  { brands: scopeList, marketplaces: scopeList, stores: scopeList },
  { _id: false },
);

const userSchema = new Schema<UserRecord>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true },
    passwordChangedAt: { type: Date, required: true },
    roles: { type: [String], required: true },
    groups: { type: [String], default: [] },
    scope: { type: scopeSchema, default: () => ({}) },
    disabled: { type: Boolean, default: false },
    language: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'users', versionKey: false, minimize: false },
);

const apiTokenSchema = new Schema<ApiTokenRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    prefix: { type: String, required: true },
    secretHash: { type: String, required: true, unique: true },
    userId: String,
    roles: { type: [String], required: true },
    groups: { type: [String], default: [] },
    scope: { type: scopeSchema, default: () => ({}) },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    lastUsedAt: Date,
    revokedAt: Date,
    revokedBy: String,
  },
  { collection: 'api_tokens', versionKey: false, minimize: false },
);

export function userRecords(connection: Connection) {
  return {
    User: recordModel<UserRecord>(connection, 'User', userSchema),
    ApiToken: recordModel<ApiTokenRecord>(connection, 'ApiToken', apiTokenSchema),
  };
}

/** MongoDB's duplicate-key error: a second insert of the same `_id` or unique field. */
