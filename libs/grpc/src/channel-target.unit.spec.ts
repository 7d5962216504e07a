import { channelTarget, loadBalancingConfig } from './channel-target';

describe('channelTarget', () => {
  describe('given one host:port', () => {
    it('dials it as it is, without round robin', () => {
      expect(channelTarget('127.0.0.1:50051')).toEqual({
        target: '127.0.0.1:50051',
        roundRobin: false,
      });
      expect(channelTarget(' accounts:50051 ')).toEqual({
        target: 'accounts:50051',
        roundRobin: false,
      });
    });
  });

  describe('given several replicas', () => {
    it('lists every IPv4 address in one ipv4: target, round robin', () => {
      expect(channelTarget('127.0.0.1:50051, 127.0.0.1:50151')).toEqual({
        target: 'ipv4:127.0.0.1:50051,127.0.0.1:50151',
        roundRobin: true,
      });
    });

    it('reads localhost as 127.0.0.1 (grpc-js resolves only IP literals in a list)', () => {
      expect(channelTarget('localhost:50051,localhost:50151').target).toBe(
        'ipv4:127.0.0.1:50051,127.0.0.1:50151',
      );
    });

    it('brackets IPv6 addresses in an ipv6: target', () => {
      expect(channelTarget('[::1]:50051,[::1]:50151').target).toBe('ipv6:[::1]:50051,[::1]:50151');
    });

    it('refuses names other than localhost, pointing at a dns: target', () => {
      expect(() => channelTarget('accounts-0:50051,accounts-1:50051')).toThrow(/dns:\/\/\//);
    });

    it('refuses a mix of IPv4 and IPv6', () => {
      expect(() => channelTarget('127.0.0.1:1,[::1]:2')).toThrow(/mixes/);
    });

    it('refuses an entry without a port', () => {
      expect(() => channelTarget('127.0.0.1:1,127.0.0.1')).toThrow(/not host:port/);
    });
  });

  describe('given an explicit scheme', () => {
    it('passes it through with round robin, so every address of a DNS name takes calls', () => {
      expect(channelTarget('dns:///accounts.ledgerline.svc:50051')).toEqual({
        target: 'dns:///accounts.ledgerline.svc:50051',
        roundRobin: true,
      });
      expect(channelTarget('ipv4:10.0.0.1:50051,10.0.0.2:50051').roundRobin).toBe(true);
    });
  });

  it('refuses an empty address', () => {
    expect(() => channelTarget(' , ')).toThrow(/required/);
  });
});

describe('loadBalancingConfig', () => {
  it('asks for round_robin only when the target spreads calls', () => {
    expect(loadBalancingConfig({ target: 'ipv4:a', roundRobin: true })).toEqual({
      loadBalancingConfig: [{ round_robin: {} }],
    });
    expect(loadBalancingConfig({ target: 'a:1', roundRobin: false })).toEqual({});
  });
});
