module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'payments-client',
  rootDir: __dirname,
};
