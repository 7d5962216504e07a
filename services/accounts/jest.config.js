module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'accounts',
  rootDir: __dirname,
  // domain/ and client/ are projects of their own with their own test targets.
  roots: ['<rootDir>/src'],
};
