module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'platform-cli',
  rootDir: __dirname,
};
