module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'domain-testing',
  rootDir: __dirname,
};
