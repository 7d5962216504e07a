import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { type ProtoFiles } from './generated';
import { resolveProtoDir } from './proto-dir';

/**
 * How .proto files become JS objects. tools/proto-gen.mjs passes the same options to
 * proto-loader-gen-types, so the generated types describe exactly what this loader produces:
 * camelCase fields, 64-bit integers and enums as strings (no Long, no magic numbers), every
 * field present with its default, and oneofs named by a virtual field.
 */
export const LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const satisfies protoLoader.Options;

export type ProtoFile = keyof ProtoFiles;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

/** The typed gRPC package of the given files, e.g. `pkg.ledgerline.platform.v1.ProbeService`. */
export type LoadedPackage<F extends ProtoFile> = UnionToIntersection<ProtoFiles[F]>;

/** The proto-loader definition (for reflection) and the typed gRPC package of `files`. */
export const loadPackageDefinition = <F extends ProtoFile>(
  files: readonly F[],
  protoDir: string = resolveProtoDir(),
): { definition: protoLoader.PackageDefinition; pkg: LoadedPackage<F> } => {
  const definition = protoLoader.loadSync([...files], {
    ...LOADER_OPTIONS,
    includeDirs: [protoDir],
  });
  // The generated ProtoFiles types describe what grpc.loadPackageDefinition returns for these
  // files with LOADER_OPTIONS; the proto-gen check keeps them in step.
  const pkg = grpc.loadPackageDefinition(definition) as unknown as LoadedPackage<F>;
  return { definition, pkg };
};

/** Loads proto files (paths relative to proto/) into their typed gRPC package. */
export const loadPackage = <F extends ProtoFile>(
  files: readonly F[],
  protoDir?: string,
): LoadedPackage<F> => loadPackageDefinition(files, protoDir).pkg;
