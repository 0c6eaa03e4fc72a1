import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum).
 * The parameters live in the PHC string, so raising them later keeps old hashes verifiable.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when the username is unknown, so the answer's timing
 * does not tell an attacker which usernames exist.
 */
export async function spendDecoyVerification(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  await passwordMatches(await decoyHash, password);
}
