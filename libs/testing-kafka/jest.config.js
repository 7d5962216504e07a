module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'testing-kafka',
  rootDir: __dirname,
};
