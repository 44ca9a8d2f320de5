import { libraryBuild } from '../../tooling/build/tsup';

// One entry per adapter family, each its own subpath export (./s3, ./mongo...).
const families = ['s3', 'dynamodb', 'mongo', 'image', 'archive', 'journal', 'aws-ml', 'generation'];

export default libraryBuild({
  index: 'src/index.ts',
  ...Object.fromEntries(families.map((family) => [`${family}/index`, `src/${family}/index.ts`])),
});
