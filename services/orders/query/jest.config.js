module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'orders-query',
  rootDir: __dirname,
};
