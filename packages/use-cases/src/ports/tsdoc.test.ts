import { readdirSync } from 'node:fs';
import path from 'node:path';
import { undocumentedExports } from '@edgecv/test-harness';

describe('the API reference of the ports', () => {
  it('has a TSDoc comment for every export of every port', () => {
    const ports = readdirSync(__dirname).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(undocumentedExports(ports.map((file) => path.join(__dirname, file)))).toEqual([]);
  });
});
