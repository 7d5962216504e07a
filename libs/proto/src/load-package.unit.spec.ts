import { loadPackage, loadPackageDefinition } from './load-package';

describe('loadPackage', () => {
  it('returns the typed package with service constructors and method paths', () => {
    const pkg = loadPackage(['ledgerline/platform/v1/probe.proto']);

    expect(pkg.ledgerline.platform.v1.ProbeService.service.Echo.path).toBe(
      '/ledgerline.platform.v1.ProbeService/Echo',
    );
  });

  it('decodes with the generated-type conventions: camelCase fields, defaults filled in', () => {
    const { pkg } = loadPackageDefinition(['ledgerline/platform/v1/probe.proto']);
    const echo = pkg.ledgerline.platform.v1.ProbeService.service.Echo;

    const decoded = echo.requestDeserialize(echo.requestSerialize({ delayMs: 5 }));

    expect(decoded).toEqual({ message: '', delayMs: 5 });
  });

  it('merges several files into one package', () => {
    const pkg = loadPackage(['ledgerline/platform/v1/probe.proto', 'google/rpc/status.proto']);

    expect(pkg.google.rpc.Status.format).toBe('Protocol Buffer 3 DescriptorProto');
    expect(pkg.ledgerline.platform.v1.EchoRequest.format).toBe('Protocol Buffer 3 DescriptorProto');
  });
});
