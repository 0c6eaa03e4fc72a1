import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { CreateUserRequest, LanguageCode, UpdateUserRequest } from '#api-contract/users';
import { isDuplicateKey } from '#platform/database';
import { hashPassword, passwordMatches, spendDecoyVerification } from './password-hashing.ts';
import { type UserRecord, userRecords } from './user-records.ts';

/** A user as every caller outside this module sees it: without the password hash. */
export type User = Omit<UserRecord, 'passwordHash'>;

export class UsernameTaken extends Error {
  override name = 'UsernameTaken';
  constructor(username: string) {
    super(`The username "${username}" is taken.`);
  }
}

export class UserNotFound extends Error {
  override name = 'UserNotFound';
  constructor() {
    super('No such user.');
  }
}

export type LoginVerdict =
  | { user: User; refusal?: undefined }
  | { user: undefined; refusal: 'unknown-user' | 'wrong-password' | 'disabled' };

const withoutHash = ({ passwordHash: _, ...user }: UserRecord): User => user;

/** Local users: who they are, their roles, groups and scope, and their argon2id password hash. */
export class UserDirectory {
  private readonly users;
  private readonly indexed: Promise<unknown>;

  constructor(connection: Connection) {
    this.users = userRecords(connection).User;
    // The unique username index must exist before the first insert, or two could slip in.
    this.indexed = this.users.init();
    // Handled here so a process that never writes (or closes early) has no unhandled rejection;
    // writes await it and see the error.
    this.indexed.catch(() => undefined);
  }

  async create(request: CreateUserRequest): Promise<User> {
    await this.indexed;
    const now = new Date();
    const record: UserRecord = {
      _id: `u-${randomUUID()}`,
      username: request.username,
      displayName: request.displayName,
      passwordHash: await hashPassword(request.password),
      passwordChangedAt: now,
      roles: request.roles,
      groups: request.groups,
      scope: request.scope,
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.users.create(record);
    } catch (error) {
      if (isDuplicateKey(error)) throw new UsernameTaken(request.username);
      throw error;
    }
    return withoutHash(record);
  }

  async update(userId: string, change: UpdateUserRequest): Promise<User> {
    const { password, ...fields } = change;
    const now = new Date();
    const set: Partial<UserRecord> = { ...fields, updatedAt: now };
    if (password !== undefined) {
      set.passwordHash = await hashPassword(password);
      set.passwordChangedAt = now;
    }
    const updated = await this.users
      .findOneAndUpdate({ _id: userId }, { $set: set }, { returnDocument: 'after' })
      .lean();
    if (!updated) throw new UserNotFound();
    return withoutHash(updated);
  }

  /** The user's own choice, not an admin's change: `updatedAt` stays as the admin left it. */
  async chooseLanguage(userId: string, language: LanguageCode): Promise<void> {
    // By id, last choice wins: only this user sets it, and nothing else is read to decide it.
    const { matchedCount } = await this.users.updateOne({ _id: userId }, { $set: { language } });
    if (matchedCount === 0) throw new UserNotFound();
  }

  async get(userId: string): Promise<User> {
    const found = await this.find(userId);
    if (!found) throw new UserNotFound();
    return found;
  }

  async find(userId: string): Promise<User | undefined> {
    const record = await this.users.findById(userId).lean();
    return record ? withoutHash(record) : undefined;
  }

  async list(): Promise<User[]> {
    const records = await this.users.find().sort({ username: 1 }).lean();
    return records.map(withoutHash);
  }

  /** Checks a password; the reason for a refusal goes to the audit log, never to the caller. */
  async verifyLogin(username: string, password: string): Promise<LoginVerdict> {
    const record = await this.users.findOne({ username }).lean();
    if (!record) {
      await spendDecoyVerification(password);
      return { user: undefined, refusal: 'unknown-user' };
    }
    if (!(await passwordMatches(record.passwordHash, password))) {
      return { user: undefined, refusal: 'wrong-password' };
    }
    if (record.disabled) return { user: undefined, refusal: 'disabled' };
    return { user: withoutHash(record) };
  }
}
