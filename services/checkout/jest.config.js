// The domain/ folder is a project of its own with its own tests.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'checkout',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
};
