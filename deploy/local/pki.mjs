#!/usr/bin/env node
// The local platform's key material (see the README, "Security"): a development CA, one
// certificate per workload, and the JWT signing key. Needs node and the `openssl` CLI only.
//
//   node deploy/local/pki.mjs ensure --dir <dir> [--platform <platform.json>]
//       create <dir> if missing (built next to it, then renamed into place: concurrent runs keep
//       the first), else add what is missing (a service new in platform.json, the JWT key).
//   node deploy/local/pki.mjs issue --dir <dir> --name <name> [--expired] [--out <dir>]
//   node deploy/local/pki.mjs revoke --dir <dir> (--name <name> | --cert <file>)   → <dir>/crl.pem
//   node deploy/local/pki.mjs rotate-jwt --dir <dir> [--drop-old]
//       a new current signing key; jwks.json keeps the older public keys unless --drop-old
//   node deploy/local/pki.mjs prune-jwt --dir <dir>     drop every public key but the current one
//   node deploy/local/pki.mjs foreign-ca --out <dir>    another CA and its `operator` certificate
//
// Layout of <dir>: ca.crt ca.key, <name>.crt <name>.key for every service in deploy/platform.json
// plus operator and probe, jwt/signing-key.json jwt/jwks.json, ca-db/ (the `openssl ca`
// database), crl.pem once something was revoked. Private keys are mode 0600.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCa, issueLeaf, revoke, serialOf, withLock } from './pki/ca.mjs';
import { hasJwt, pruneJwks, rotateJwt } from './pki/jwt.mjs';

const require = createRequire(import.meta.url);
const { parseCommandLine, pkiNames } = require('./pki/lib.cjs');

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const say = (line) => process.stdout.write(`pki: ${line}\n`);

const platformNames = (file) => pkiNames(JSON.parse(readFileSync(file, 'utf8')));
const RENEW_BEFORE_MS = 14 * 24 * 3600 * 1000;
/** A usable certificate of `name`: present with its key, and not expiring within two weeks. */
const hasCert = (dir, name) => {
  const crt = join(dir, `${name}.crt`);
  if (!existsSync(crt) || !existsSync(join(dir, `${name}.key`))) return false;
  const validTo = Date.parse(new X509Certificate(readFileSync(crt)).validTo);
  return validTo - Date.now() > RENEW_BEFORE_MS;
};

/**
 * Builds a complete PKI in a fresh directory next to `dir` and renames it to `dir`. When another
 * process got there first, its PKI is kept (and ours discarded). Returns whether ours was kept.
 */
const buildAndInstall = (dir, names, { jwt = true, caName } = {}) => {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = mkdtempSync(join(dirname(dir), `.${basename(dir)}.tmp-`));
  try {
    createCa(tmp, caName);
    say(`created CA ${caName ?? 'Ledgerline Dev CA'} (10 years)`);
    for (const name of names) {
      issueLeaf(tmp, name);
      say(`issued ${name}.crt`);
    }
    if (jwt) say(`created JWT signing key ${rotateJwt(tmp).kid}`);
    chmodSync(tmp, 0o755);
    try {
      // rename(2) replaces an empty directory and fails on a non-empty one.
      renameSync(tmp, dir);
      say(`installed ${dir}`);
      return true;
    } catch (error) {
      if (!['ENOTEMPTY', 'EEXIST'].includes(error.code) || !existsSync(join(dir, 'ca.crt')))
        throw error;
      say(`kept ${dir}: a concurrent run installed it first`);
      return false;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
};

const requireCa = (dir) => {
  if (!existsSync(join(dir, 'ca.crt')))
    throw new Error(`no CA in ${dir}; run: node deploy/local/pki.mjs ensure --dir ${dir}`);
};

/** Creates the PKI of `dir`, or completes it: every name has a certificate, the JWT key exists. */
export const ensure = (dir, { platform = join(REPO, 'deploy/platform.json') } = {}) => {
  dir = resolve(dir);
  const names = platformNames(platform);
  let built = false;
  if (!existsSync(join(dir, 'ca.crt'))) {
    if (existsSync(dir) && readdirSync(dir).length > 0)
      throw new Error(`${dir} exists and is not empty but has no ca.crt; move it away`);
    buildAndInstall(dir, names);
    built = true;
  }
  const complete = () => names.every((n) => hasCert(dir, n)) && hasJwt(dir);
  if (!complete())
    withLock(dir, () => {
      for (const name of names.filter((n) => !hasCert(dir, n))) {
        const renewed = existsSync(join(dir, `${name}.crt`));
        issueLeaf(dir, name);
        say(
          `issued ${name}.crt (${renewed ? 'renewed: it was expiring' : 'new in platform.json'})`,
        );
      }
      if (!hasJwt(dir)) say(`created JWT signing key ${rotateJwt(dir).kid}`);
    });
  else if (!built) say(`${dir}: up to date (${names.length} certificates)`);
  return dir;
};

const commands = {
  ensure: {
    options: { dir: 'string', platform: 'string' },
    run: (o) => ensure(o.dir, o.platform ? { platform: resolve(o.platform) } : {}) && undefined,
  },
  issue: {
    options: { dir: 'string', name: 'string', out: 'string', expired: 'boolean' },
    run(o) {
      const dir = resolve(o.dir);
      requireCa(dir);
      if (!o.name) throw new Error('issue needs --name');
      const out = resolve(o.out ?? dir);
      const crt = withLock(dir, () => issueLeaf(dir, o.name, { out, expired: !!o.expired }));
      say(`issued ${crt}${o.expired ? ' (expired)' : ''} serial ${serialOf(crt)}`);
    },
  },
  revoke: {
    options: { dir: 'string', name: 'string', cert: 'string' },
    run(o) {
      const dir = resolve(o.dir);
      requireCa(dir);
      if (!o.name === !o.cert) throw new Error('revoke needs --name or --cert');
      const cert = o.cert ? resolve(o.cert) : join(dir, `${o.name}.crt`);
      const crl = withLock(dir, () => revoke(dir, cert));
      say(`revoked ${cert} serial ${serialOf(cert)}; wrote ${crl}`);
    },
  },
  'rotate-jwt': {
    options: { dir: 'string', 'drop-old': 'boolean' },
    run(o) {
      const dir = resolve(o.dir);
      requireCa(dir);
      const r = withLock(dir, () => rotateJwt(dir, { dropOld: !!o['drop-old'] }));
      say(`JWT signing key is now ${r.kid}; jwks.json holds ${r.keys.join(', ')}`);
    },
  },
  'prune-jwt': {
    options: { dir: 'string' },
    run(o) {
      const dir = resolve(o.dir);
      requireCa(dir);
      say(`jwks.json holds only the current key ${withLock(dir, () => pruneJwks(dir)).kid}`);
    },
  },
  'foreign-ca': {
    options: { out: 'string' },
    run(o) {
      const out = resolve(o.out);
      if (existsSync(join(out, 'ca.crt'))) return say(`${out}: foreign CA exists`);
      buildAndInstall(out, ['operator'], { jwt: false, caName: 'Foreign Test CA' });
    },
  },
};

const main = (argv) => {
  const usage = () =>
    readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith('//'))
      .map((l) => l.replace(/^\/\/ ?/, ''))
      .join('\n');
  const spec = commands[argv[0]];
  if (!spec) {
    process.stderr.write(`${usage()}\n`);
    return argv[0] === '--help' || argv[0] === '-h' ? 0 : 2;
  }
  try {
    const { options } = parseCommandLine(argv, spec.options);
    const required = 'dir' in spec.options ? 'dir' : 'out';
    if (!options[required]) throw new Error(`${argv[0]} needs --${required}`);
    spec.run(options);
    return 0;
  } catch (error) {
    process.stderr.write(`pki: ${argv[0]}: ${error.message}\n`);
    return 1;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  process.exitCode = main(process.argv.slice(2));
