// The domain is pure: its tests need no local stack, so they run without the global setup.
module.exports = require('@edgecv/jest-preset').projectOnly(__dirname);
