import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { type ClientAuth, clientAuthFromEnv } from './auth/client-auth';

type HealthStub = grpc.Client & {
  Check(
    request: { service: string },
    options: grpc.CallOptions,
    callback: grpc.requestCallback<{ status: string }>,
  ): grpc.ClientUnaryCall;
};

let HealthClient: grpc.ServiceClientConstructor | undefined;

const healthClientConstructor = (): grpc.ServiceClientConstructor => {
  if (HealthClient) return HealthClient;
  const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(healthProtoPath, { enums: String }));
  const v1 = ((pkg['grpc'] as grpc.GrpcObject)['health'] as grpc.GrpcObject)[
    'v1'
  ] as grpc.GrpcObject;
  HealthClient = v1['Health'] as grpc.ServiceClientConstructor;
  return HealthClient;
};

/**
 * One grpc.health.v1 Check of `service` ('' for the whole server): its status name
 * (`SERVING`, `NOT_SERVING`, …), or `UNREACHABLE` when the call itself fails.
 */
export const checkHealth = (
  address: string,
  service = '',
  timeoutMs = 2_000,
  auth: ClientAuth = clientAuthFromEnv(),
): Promise<string> => {
  const Ctor = healthClientConstructor();
  // Health is open: the channel's certificate (with mTLS) is all it needs, never a token.
  const client = new Ctor(address, auth.credentials) as unknown as HealthStub;
  return new Promise<string>((resolve) => {
    client.Check({ service }, { deadline: Date.now() + timeoutMs }, (error, response) => {
      client.close();
      resolve(
        error
          ? error.code === grpc.status.NOT_FOUND
            ? 'SERVICE_UNKNOWN'
            : 'UNREACHABLE'
          : (response?.status ?? 'UNKNOWN'),
      );
    });
  });
};
