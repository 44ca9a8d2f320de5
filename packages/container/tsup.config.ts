import { libraryBuild } from '../../tooling/build/tsup';

export default libraryBuild({ index: 'src/index.ts', images: 'src/images.ts' });
