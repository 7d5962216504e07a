module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'payments-query',
  rootDir: __dirname,
};
