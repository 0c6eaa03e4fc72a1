import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real RFC 3161 timestamping authority: `openssl ts -reply` behind HTTP, with its own root
 * and a signing certificate for timeStamping only, as a public TSA has.
 */
export class OpensslTimestampAuthority {
  private constructor(
    private readonly folder: string,
    private readonly server: Server,
  ) {}

  static async start(name = 'Test TSA'): Promise<OpensslTimestampAuthority> {
    const folder = await mkdtemp(join(tmpdir(), 'acorn-tsa-'));
    await makeAuthority(folder, name);
    let replies = Promise.resolve();
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        // openssl keeps its serial number in a file: one reply at a time.
        replies = replies.then(async () => {
          try {
            const reply = await stamp(folder, Buffer.concat(chunks));
            response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
            response.end(reply);
          } catch (error) {
            response.writeHead(500).end(String(error));
          }
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new OpensslTimestampAuthority(folder, server);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/tsa`;
  }

  /** The authority's root certificate, PEM: what a verifier trusts. */
  rootPem(): Promise<string> {
    return readFile(join(this.folder, 'ca.crt'), 'utf8');
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
    await rm(this.folder, { recursive: true, force: true });
  }
}

async function makeAuthority(folder: string, name: string): Promise<void> {
  const openssl = (...args: string[]) => run('openssl', args, { cwd: folder });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    `/CN=${name} Root`,
  );
  await openssl('req', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', `/CN=${name}`);
  await writeFile(
    join(folder, 'tsa-ext.cnf'),
    'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n',
  );
  await openssl(
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tsa.crt',
    '-days',
    '2',
    '-extfile',
    'tsa-ext.cnf',
  );
  await writeFile(join(folder, 'tsaserial'), '01\n');
  await writeFile(join(folder, 'tsa.cnf'), TSA_CONFIG);
}

async function stamp(folder: string, query: Buffer): Promise<Buffer> {
  await writeFile(join(folder, 'query.tsq'), query);
  await run(
    'openssl',
    ['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', 'query.tsq', '-out', 'reply.tsr'],
    { cwd: folder },
  );
  return readFile(join(folder, 'reply.tsr'));
}

const TSA_CONFIG = `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = ./tsaserial
signer_cert = ./tsa.crt
certs = ./ca.crt
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
