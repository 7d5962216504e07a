// The domain/ and client/ folders are projects of their own with their own tests.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'payments',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
};
