import type * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';

type LoadedMethod = grpc.MethodDefinition<unknown, unknown> & {
  requestType: protoLoader.MessageTypeDefinition<object, object>;
  responseType: protoLoader.MessageTypeDefinition<object, object>;
};

// Definitions from proto-loader carry their message descriptors; hand-written ones do not.
const isLoadedMethod = (method: grpc.MethodDefinition<unknown, unknown>): method is LoadedMethod =>
  'requestType' in method && 'responseType' in method;

export const serviceNameOf = (definition: grpc.ServiceDefinition): string | undefined => {
  const [method] = Object.values(definition);
  return method?.path.split('/')[1];
};

/**
 * Server reflection (v1 and v1alpha, so both grpcurl and older tools work) for exactly the
 * given services. The descriptors come from the services' own message types, so callers need
 * not pass the package definitions they loaded.
 */
export const reflectionFor = (
  definitions: readonly grpc.ServiceDefinition[],
): ReflectionService => {
  const methods = definitions.flatMap((definition) =>
    (Object.values(definition) as grpc.MethodDefinition<unknown, unknown>[]).filter(isLoadedMethod),
  );
  const descriptors: protoLoader.PackageDefinition = Object.fromEntries(
    methods.flatMap((method) => [
      [`${method.path}#request`, method.requestType],
      [`${method.path}#response`, method.responseType],
    ]),
  );
  const services = definitions.map(serviceNameOf).filter((name) => name !== undefined);
  return new ReflectionService(descriptors, { services });
};
