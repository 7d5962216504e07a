module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'payments-views',
  rootDir: __dirname,
};
