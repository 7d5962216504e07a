// One test file at a time: kafka-outage.int.spec.ts stops the broker, which would break any
// other Kafka test running beside it.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'relay',
  rootDir: __dirname,
  maxWorkers: 1,
};
