// Which public exports of a package have no TSDoc comment: the API reference (pnpm docs:api) is
// only as good as the comments it renders, and a test keeps new exports from arriving bare.
import path from 'node:path';
import ts from 'typescript';

/**
 * The names (with their file, relative to `root`) of the exports of the `entries` modules,
 * re-exports followed, that are declared under `root` and lack a `/** ... *\/` comment.
 */
export function undocumentedExports(entries: readonly string[], root: string = path.dirname(entries[0] ?? '.')): string[] {
  const program = ts.createProgram([...entries], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`not a module: ${entry}`);
    for (const name of undocumented(checker, moduleSymbol, root)) missing.add(name);
  }
  return [...missing].sort();
}

function undocumented(checker: ts.TypeChecker, moduleSymbol: ts.Symbol, root: string): string[] {
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter((d) => path.resolve(d.getSourceFile().fileName).startsWith(`${path.resolve(root)}${path.sep}`));
    if (declarations.length === 0) continue;
    // Every declaration of a merged name (`MigrationRecord` the type and the namespace object) needs its own.
    for (const declaration of declarations) {
      const commented = ts.getJSDocCommentsAndTags(declaration).some((doc) => ts.isJSDoc(doc));
      if (!commented) missing.push(`${exported.name} (${path.relative(root, declaration.getSourceFile().fileName)})`);
    }
  }
  return missing;
}
