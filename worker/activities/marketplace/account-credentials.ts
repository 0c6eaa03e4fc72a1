import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SecretReference } from '#api-contract/accounts';

export const SECRETS_FILE_VARIABLE = 'ACORN_SP_API_SECRETS_FILE';
const DEFAULT_SECRETS_FILE = 'data/sp-api-secrets.json';

export class MissingSecret extends Error {
  override name = 'MissingSecret';
}

/**
 * Where an account's secrets are read: the environment, or a JSON object of key → value in
 * ACORN_SP_API_SECRETS_FILE (default data/sp-api-secrets.json, kept outside the repository
 * and readable by the worker only). Read on each resolve, so a rotated secret is picked up.
 */
export class SecretSource {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  get filePath(): string {
    return resolve(this.env[SECRETS_FILE_VARIABLE] ?? DEFAULT_SECRETS_FILE);
  }

  resolve(reference: SecretReference): string {
    const value =
      reference.from === 'env' ? this.env[reference.name] : this.fileValue(reference.key);
    if (!value) throw new MissingSecret(`${describeReference(reference)} is not set`);
    return value;
  }

  private fileValue(key: string): string | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.filePath, 'utf8'));
    } catch (error) {
      throw new MissingSecret(`The secrets file ${this.filePath} cannot be read: ${String(error)}`);
    }
    const value = (parsed as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  }
}

export const describeReference = (reference: SecretReference) =>
  reference.from === 'env'
    ? `environment variable ${reference.name}`
    : `key "${reference.key}" of the secrets file`;
