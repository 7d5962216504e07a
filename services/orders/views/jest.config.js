module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'orders-views',
  rootDir: __dirname,
};
