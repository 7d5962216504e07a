module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'accounts-views',
  rootDir: __dirname,
};
