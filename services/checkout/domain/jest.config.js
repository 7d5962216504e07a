module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'checkout-domain',
  rootDir: __dirname,
};
