module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'orders-client',
  rootDir: __dirname,
};
