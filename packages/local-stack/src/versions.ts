/**
 * Pinned server versions. Changing one installs the new version beside the old one in the
 * cache; nothing is upgraded in place.
 */
export const MOTO_VERSION = '5.2.5';
export const MONGO_JAVA_SERVER_VERSION = '1.47.0';
