import path from 'node:path';
import * as protobuf from 'protobufjs';
import {
  type ErrorDetail,
  type ErrorDetailInit,
  KNOWN_DETAIL_TYPES,
  type KnownDetailType,
  type RichStatus,
} from './error-details';
import { resolveProtoDir } from './proto-dir';

/**
 * Codec for google.rpc.Status, the payload of the `grpc-status-details-bin` trailer that gRPC
 * "rich errors" use. protobufjs is what proto-loader itself runs on, so the wire format is the
 * one every gRPC client decodes.
 */
const TYPE_URL_PREFIX = 'type.googleapis.com/google.rpc.';
const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: true,
  arrays: true,
  objects: true,
};

let cachedRoot: protobuf.Root | undefined;

// Loaded on first use so importing this module never touches the filesystem.
const rpcRoot = (): protobuf.Root => {
  if (cachedRoot) return cachedRoot;
  const protoDir = resolveProtoDir();
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) =>
    path.isAbsolute(target) ? target : path.join(protoDir, target);
  root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto']);
  cachedRoot = root;
  return root;
};

const rpcType = (name: string): protobuf.Type => rpcRoot().lookupType(`google.rpc.${name}`);

const encodeMessage = (type: protobuf.Type, value: object): Uint8Array =>
  type.encode(type.fromObject(value)).finish();

// protobufjs bundles google.protobuf.Any with snake_case field names (type_url), whatever the
// camelCase option says for our own files.
const packDetail = ({ type, ...fields }: ErrorDetailInit) => ({
  type_url: TYPE_URL_PREFIX + type,
  value: encodeMessage(rpcType(type), fields),
});

const isKnownDetailType = (name: string): name is KnownDetailType =>
  (KNOWN_DETAIL_TYPES as readonly string[]).includes(name);

const unpackDetail = (any: { type_url: string; value: Buffer }): ErrorDetail => {
  const typeUrl = any.type_url;
  const name = typeUrl.startsWith(TYPE_URL_PREFIX) ? typeUrl.slice(TYPE_URL_PREFIX.length) : '';
  if (!isKnownDetailType(name)) return { type: 'Unknown', typeUrl, value: any.value };
  const type = rpcType(name);
  // toObject with `defaults` yields the generated __Output shape of this message.
  return { type: name, ...type.toObject(type.decode(any.value), TO_OBJECT) } as ErrorDetail;
};

/** Serializes a google.rpc.Status for the `grpc-status-details-bin` trailer. */
export const encodeRichStatus = (status: {
  code: number;
  message: string;
  details: readonly ErrorDetailInit[];
}): Buffer =>
  Buffer.from(
    encodeMessage(rpcType('Status'), { ...status, details: status.details.map(packDetail) }),
  );

/** Parses a `grpc-status-details-bin` payload; unknown detail types come back as 'Unknown'. */
export const decodeRichStatus = (bytes: Uint8Array): RichStatus => {
  const type = rpcType('Status');
  const status = type.toObject(type.decode(bytes), TO_OBJECT) as {
    code: number;
    message: string;
    details: { type_url: string; value: Buffer }[];
  };
  return { code: status.code, message: status.message, details: status.details.map(unpackDetail) };
};
