module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'orders-domain',
  rootDir: __dirname,
};
