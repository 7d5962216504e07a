import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type PeerCertificate } from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { SPIFFE_WORKLOAD_PREFIX } from './caller';

/** The PEM files a process needs for mutual TLS. */
export interface TlsMaterial {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Revoked certificates of the CA; connections presenting one are refused. */
  readonly crl?: Buffer;
}

export interface TlsFiles {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
  readonly crl: string;
}

/** `<dir>/ca.crt`, `<dir>/<identity>.crt|.key`, `<dir>/crl.pem` (the layout of deploy/local/pki.mjs). */
export const tlsFilesIn = (dir: string, identity: string): TlsFiles => ({
  ca: join(dir, 'ca.crt'),
  cert: join(dir, `${identity}.crt`),
  key: join(dir, `${identity}.key`),
  crl: join(dir, 'crl.pem'),
});

export const readTlsMaterial = (files: TlsFiles): TlsMaterial => {
  for (const file of [files.ca, files.cert, files.key])
    if (!existsSync(file))
      throw new Error(`TLS: ${file} is missing (run npm run up, or set TLS_DIR and TLS_IDENTITY)`);
  return {
    ca: readFileSync(files.ca),
    cert: readFileSync(files.cert),
    key: readFileSync(files.key),
    ...(existsSync(files.crl) && { crl: readFileSync(files.crl) }),
  };
};

const contextOptionsOf = (material: TlsMaterial) => ({
  ca: material.ca,
  cert: material.cert,
  key: material.key,
  ...(material.crl && { crl: material.crl }),
});

/**
 * grpc-js's `createSsl` takes no CRL and cannot change its certificates after the bind; this
 * subclass of its public base class passes Node's TLS options through (client certificates
 * required and verified against the CA and the CRL) and can be reloaded in place, so a renewed
 * certificate or a new revocation list applies to new connections without a restart.
 */
class MutualTlsServerCredentials extends grpc.ServerCredentials {
  constructor(material: TlsMaterial) {
    super(
      { requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
      contextOptionsOf(material),
    );
  }

  reload(material: TlsMaterial): void {
    this.updateSecureContextOptions(contextOptionsOf(material));
  }

  _equals(other: grpc.ServerCredentials): boolean {
    return other === this;
  }
}

export interface ServerTls {
  readonly credentials: grpc.ServerCredentials;
  /** Re-reads the files when any changed; returns whether it did. */
  refresh(): boolean;
}

const mtimes = (files: TlsFiles): string =>
  [files.ca, files.cert, files.key, files.crl]
    .map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0))
    .join(',');

export const serverTls = (files: TlsFiles): ServerTls => {
  const credentials = new MutualTlsServerCredentials(readTlsMaterial(files));
  let seen = mtimes(files);
  return {
    credentials,
    refresh: () => {
      const now = mtimes(files);
      if (now === seen) return false;
      seen = now;
      credentials.reload(readTlsMaterial(files));
      return true;
    },
  };
};

export const clientTlsCredentials = (material: TlsMaterial): grpc.ChannelCredentials =>
  grpc.credentials.createSsl(material.ca, material.key, material.cert);

/** The workload name in a peer certificate's SPIFFE URI SAN, if it has one. */
export const workloadOf = (certificate: PeerCertificate | undefined): string | undefined => {
  const sans = certificate?.subjectaltname?.split(/,\s*/) ?? [];
  for (const san of sans) {
    if (!san.startsWith('URI:')) continue;
    const uri = san.slice('URI:'.length);
    if (uri.startsWith(SPIFFE_WORKLOAD_PREFIX)) {
      const name = uri.slice(SPIFFE_WORKLOAD_PREFIX.length);
      if (/^[a-z0-9-]+$/.test(name)) return name;
    }
  }
  return undefined;
};
