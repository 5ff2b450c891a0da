import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';
import { newEncryptionKeyPair, newSigningKeyPair, type SyncKeyPair } from '../shared/sync/sync-crypto';

/**
 * Head office's own identity: its id, the Ed25519 key that signs receipts and reply bundles, the
 * X25519 key push bundles are encrypted to, and its TLS certificate. Kept in the data folder
 * (`hq-identity.json`, readable by its owner only), like any server's TLS key: whoever can read
 * that folder can impersonate this HQ (docs/SYNC.md "Threat model").
 */
export interface HqIdentity {
  hqId: string;
  signing: SyncKeyPair;
  encryption: SyncKeyPair;
  tls: { key: string; cert: string };
  /** SHA-256 of the certificate (DER), as colon-separated hex: what branches pin. */
  fingerprint: string;
}

const FILE = 'hq-identity.json';

export function certificateFingerprint(certPem: string): string {
  return new crypto.X509Certificate(certPem).fingerprint256;
}

export async function loadOrCreateIdentity(
  dataDir: string,
): Promise<{ identity: HqIdentity; isNew: boolean }> {
  const file = path.join(dataDir, FILE);
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Omit<HqIdentity, 'fingerprint'>;
    return { identity: { ...stored, fingerprint: certificateFingerprint(stored.tls.cert) }, isNew: false };
  }
  const pems = await generate([{ name: 'commonName', value: 'Redress HQ' }], {
    // ECDSA P-256: every branch push opens a TLS connection, and the server's handshake signature
    // with an RSA-2048 key cost HQ ~1.5 ms each (an identity made earlier keeps its RSA key).
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const stored = {
    hqId: crypto.randomUUID(),
    signing: await newSigningKeyPair(),
    encryption: await newEncryptionKeyPair(),
    tls: { key: pems.private, cert: pems.cert },
  };
  fs.mkdirSync(dataDir, { recursive: true });
  // Written whole under a temporary name, then renamed: a crash never leaves half an identity.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(stored), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
  return { identity: { ...stored, fingerprint: certificateFingerprint(stored.tls.cert) }, isNew: true };
}
