import path from 'node:path';
import { undocumentedExports } from '../../../tooling/test-harness/src/undocumentedExports';

describe('the API reference of @edgecv/domain', () => {
  it('has a TSDoc comment for every public export', () => {
    expect(undocumentedExports([path.join(__dirname, 'index.ts')])).toEqual([]);
  });
});
