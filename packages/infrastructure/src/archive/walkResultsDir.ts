// Walks a results directory depth-first in a deterministic order (names compared as UTF-8
// bytes, a directory before its contents), never following a symbolic link.
import { lstat, opendir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { SymlinkEscapeError, UnsupportedEntryError } from '@edgecv/use-cases';

interface Common {
  /** Path inside the zip: relative to the root, `/`-separated. */
  readonly name: string;
  readonly mode: number;
  readonly mtime: Date;
}
export type WalkEntry =
  | (Common & { readonly kind: 'dir' })
  | (Common & { readonly kind: 'file'; readonly absPath: string; readonly size: number })
  | (Common & { readonly kind: 'link'; readonly target: string });

const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** `root` must already be a real path (no symlink in it), so containment checks compare like with like. */
export async function* walkResultsDir(root: string, relDir = ''): AsyncGenerator<WalkEntry> {
  const absDir = path.join(root, relDir);
  const names: string[] = [];
  for await (const dirent of await opendir(absDir)) names.push(dirent.name);
  names.sort(byUtf8);
  for (const name of names) {
    const rel = relDir === '' ? name : `${relDir}/${name}`;
    // zip readers turn backslashes into separators: such a name would not come back as it was.
    if (name.includes('\\')) throw new UnsupportedEntryError(rel, 'the name contains a backslash');
    const abs = path.join(absDir, name);
    const st = await lstat(abs);
    const common = { name: rel, mode: st.mode & 0xffff, mtime: st.mtime };
    if (st.isSymbolicLink()) {
      yield { ...common, kind: 'link', target: await containedLinkTarget(root, abs, rel) };
    } else if (st.isDirectory()) {
      yield { ...common, kind: 'dir' };
      yield* walkResultsDir(root, rel);
    } else if (st.isFile()) {
      yield { ...common, kind: 'file', absPath: abs, size: st.size };
    } else {
      throw new UnsupportedEntryError(rel, 'not a regular file, directory or symbolic link');
    }
  }
}

/**
 * A link is kept as a link when it points inside the directory, both as written and once every
 * link on the way is resolved; its target is stored relative to the link.
 */
async function containedLinkTarget(root: string, abs: string, rel: string): Promise<string> {
  const target = await readlink(abs);
  const lexical = path.resolve(path.dirname(abs), target);
  if (!inside(root, lexical)) throw new SymlinkEscapeError(rel, target);
  const resolved = await realpath(abs).catch(() => undefined); // dangling: the lexical check decides
  if (resolved !== undefined && !inside(root, resolved)) throw new SymlinkEscapeError(rel, target);
  return path.isAbsolute(target) ? path.relative(path.dirname(abs), lexical) || '.' : target;
}
