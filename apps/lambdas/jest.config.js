module.exports = require('@edgecv/jest-preset').project(__dirname);
