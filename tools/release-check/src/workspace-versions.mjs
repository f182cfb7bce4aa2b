// Prints `{ name: { version, private, dependencies } }` for every package under
// packages/ and apps/ of a workspace, for before/after comparisons of a
// `changeset version` run. Usage: node workspace-versions.mjs <workspace-root>
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? process.cwd();
const result = {};
for (const group of ['packages', 'apps']) {
  for (const folder of readdirSync(join(root, group))) {
    const file = join(root, group, folder, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    result[manifest.name] = {
      version: manifest.version,
      private: manifest.private === true,
      dependencies: manifest.dependencies ?? {},
    };
  }
}
console.log(JSON.stringify(result, null, 2));
