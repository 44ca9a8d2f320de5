// The `DESIGN §n` and `spec 00x` references in code comments and docs point at files that exist:
// docs/DESIGN.md (and the section it names) and docs/spec/00x_*.txt. A reference to a section or
// a spec that is not there fails the boundaries check, so a reader can always follow one.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const design = fs.readFileSync(path.join(root, 'docs/DESIGN.md'), 'utf8');
const sections = new Set([...design.matchAll(/^## (\d+[a-z]?)\./gm)].map((m) => m[1]));
const specs = new Set(fs.readdirSync(path.join(root, 'docs/spec')).map((f) => /^(\d{3})_/.exec(f)?.[1]).filter(Boolean));

const SKIP = /(^|\/)(node_modules|dist|cdk\.out|coverage|\.turbo)(\/|$)/;
function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (SKIP.test(full)) continue;
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(ts|cjs|mjs|js|md)$/.test(entry.name)) yield full;
  }
}

const problems = [];
for (const top of ['packages', 'apps', 'tooling', 'docs', 'scripts']) {
  for (const file of files(path.join(root, top))) {
    if (file.startsWith(path.join(root, 'docs/spec'))) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/DESIGN §\s?(\d+[a-z]?)/g)) if (!sections.has(m[1])) problems.push(`${path.relative(root, file)}: DESIGN §${m[1]} is not a section of docs/DESIGN.md`);
    for (const m of text.matchAll(/\bspec (\d{3})\b/g)) if (!specs.has(m[1])) problems.push(`${path.relative(root, file)}: spec ${m[1]} is not in docs/spec/`);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
