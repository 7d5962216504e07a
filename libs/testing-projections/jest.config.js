module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'testing-projections',
  rootDir: __dirname,
};
