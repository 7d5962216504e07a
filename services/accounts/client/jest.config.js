module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'accounts-client',
  rootDir: __dirname,
};
