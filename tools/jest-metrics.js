// Jest setup (jest.preset.js `setupFiles`; tools/bench.mjs too): services a test starts serve no
// Prometheus endpoint unless the test asks for one. Their default METRICS_PORT (9464) is one port:
// several services in one test process, or in parallel jest workers, would fight over it. A test
// that scrapes metrics sets METRICS_PORT itself (a free port). Only set when unset.
process.env.METRICS_PORT ??= '0';
