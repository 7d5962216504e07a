module.exports = { ...require('../../jest.preset.js'), displayName: 'sagas', rootDir: __dirname };
