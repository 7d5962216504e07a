module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'accounts-query',
  rootDir: __dirname,
};
