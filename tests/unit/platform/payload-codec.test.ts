import {
  defaultPayloadConverter,
  type Payload,
  type PayloadCodec,
  type SerializationContext,
} from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  generatePayloadKey,
  PayloadKeyError,
  parsePayloadKeyring,
  SealedPayloadCodec,
} from '#platform/payload-codec';
import { payloadCodec } from '#platform/temporal';

const oldKey = generatePayloadKey('k1');
const newKey = generatePayloadKey('k2');
const live = (keys: string, current?: string) =>
  new SealedPayloadCodec(parsePayloadKeyring(keys, current), {
    acceptPlaintext: false,
    checkWorkflow: true,
  });
const decision = { actor: { userId: 'rob' }, comment: 'buyer@example.com sent photos' };
const plain = () => defaultPayloadConverter.toPayload(decision) as Payload;
const workflow = (workflowId: string): SerializationContext => ({
  type: 'workflow',
  namespace: 'default',
  workflowId,
});
const meta = (payload: Payload, key: string) =>
  new TextDecoder().decode(payload.metadata?.[key] ?? new Uint8Array());
const only = ([payload]: Payload[]): Payload => {
  if (!payload) throw new Error('no payload');
  return payload;
};
const seal = async (codec: PayloadCodec, context?: SerializationContext) =>
  only(await codec.encode([plain()], context));
const open = async (codec: PayloadCodec, payload: Payload, context?: SerializationContext) =>
  defaultPayloadConverter.fromPayload(only(await codec.decode([payload], context)));

describe('SealedPayloadCodec', () => {
  it('seals with the current key and opens it again; the ciphertext holds no clear text', async () => {
    const codec = live(oldKey);
    const sealed = await seal(codec);
    expect(meta(sealed, 'encoding')).toBe('binary/encrypted');
    expect(meta(sealed, 'encryption-key-id')).toBe('k1');
    expect(Buffer.from(sealed.data ?? []).toString('latin1')).not.toContain('buyer@example.com');
    expect(await open(codec, sealed)).toEqual(decision);
  });

  it('rotates: a new current key seals, the retired key still opens old payloads', async () => {
    const sealedWithOld = await seal(live(oldKey));
    const rotated = live(`${oldKey},${newKey}`);
    expect(meta(await seal(rotated), 'encryption-key-id')).toBe('k2');
    expect(await open(rotated, sealedWithOld)).toEqual(decision);
    await expect(open(live(newKey), sealedWithOld)).rejects.toThrow(/unknown key "k1"/);
    expect(parsePayloadKeyring(`${oldKey}\n${newKey}\n`).currentKeyId).toBe('k2');
    const pinned = live(`${oldKey},${newKey}`, 'k1');
    expect(meta(await seal(pinned), 'encryption-key-id')).toBe('k1');
  });

  it('refuses a payload whose ciphertext or key label was changed', async () => {
    const codec = live(`${oldKey},${newKey}`);
    const sealed = await seal(codec);
    const flipped = Buffer.from(sealed.data ?? []);
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    await expect(open(codec, { ...sealed, data: flipped })).rejects.toThrow(/authentication/);
    const relabelled = {
      ...sealed,
      metadata: { ...sealed.metadata, 'encryption-key-id': new TextEncoder().encode('k1') },
    };
    await expect(open(codec, relabelled)).rejects.toThrow(/authentication/);
  });

  it('live codecs refuse clear text; the replay codec lets recorded clear text through', async () => {
    await expect(open(live(oldKey), plain())).rejects.toThrow(/not sealed/);
    const replay = new SealedPayloadCodec(parsePayloadKeyring(oldKey), {
      acceptPlaintext: true,
      checkWorkflow: false,
    });
    expect(await open(replay, plain())).toEqual(decision);
  });

  it('binds a payload to the workflow it was sealed for', async () => {
    const codec = live(oldKey);
    const sealed = await seal(codec, workflow('case-a'));
    await expect(open(codec, sealed, workflow('case-b'))).rejects.toThrow(/another workflow/);
    const activity: SerializationContext = {
      type: 'activity',
      namespace: 'default',
      workflowId: 'case-a',
      isLocal: false,
    };
    expect(await open(codec, sealed, activity)).toEqual(decision);
    // Without a context (audit reads, the UI's codec endpoint) the authenticated label decides.
    expect(await open(codec, sealed)).toEqual(decision);
    const { 'encryption-scope': _scope, ...unbound } = sealed.metadata ?? {};
    await expect(open(codec, { ...sealed, metadata: unbound }, workflow('case-b'))).rejects.toThrow(
      /authentication/,
    );
  });
});

describe('payload keys from the environment', () => {
  it('names what is wrong with a key list', () => {
    expect(() => parsePayloadKeyring('k1:c2hvcnQ=')).toThrow(/not 32 bytes/);
    expect(() => parsePayloadKeyring(`${oldKey},${oldKey}`)).toThrow(/listed twice/);
    expect(() => parsePayloadKeyring(oldKey, 'k9')).toThrow(/"k9" is not listed/);
    expect(() => parsePayloadKeyring(`bad id:${oldKey.slice(3)}`)).toThrow(PayloadKeyError);
    expect(() => parsePayloadKeyring(' , ')).toThrow(/no payload key/);
  });

  it('refuses to build a codec without keys, rather than send clear text', () => {
    expect(() => payloadCodec({ ACORN_ACCEPT_PLAINTEXT_PAYLOADS: false })).toThrow(
      /ACORN_PAYLOAD_KEYS is not set/,
    );
  });
});
