module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'cloud-events',
  rootDir: __dirname,
};
