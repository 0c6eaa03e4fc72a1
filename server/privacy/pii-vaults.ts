import type { Connection } from 'mongoose';
import { loadPiiKeyring } from '#platform/pii-keyring';
import { PiiVault } from '#platform/pii-vault';

const vaults = new WeakMap<Connection, PiiVault>();

/** One vault per database connection, with the master keys in the environment. */
export function piiVaultFor(connection: Connection): PiiVault {
  let vault = vaults.get(connection);
  if (!vault) {
    vault = new PiiVault(connection, loadPiiKeyring());
    vaults.set(connection, vault);
  }
  return vault;
}
