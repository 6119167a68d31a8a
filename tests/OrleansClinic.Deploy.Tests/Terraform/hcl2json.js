// Parses every .tf file under a folder with HashiCorp's own HCL parser (the WebAssembly build in @cdktf/hcl2json)
// and prints one JSON object: relative path (with /) -> the file as Terraform's JSON syntax.
// Usage: node hcl2json.js <path of the @cdktf/hcl2json package> <folder>
'use strict';
const fs = require('fs');
const path = require('path');

const [packageDir, root] = process.argv.slice(2);
if (!packageDir || !root) {
  console.error('usage: node hcl2json.js <@cdktf/hcl2json package folder> <folder of .tf files>');
  process.exit(2);
}

const { parse } = require(path.resolve(packageDir));

function terraformFiles(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      // Working folders of terraform init and of archive_file hold no configuration of ours.
      return entry.name.startsWith('.') ? [] : terraformFiles(full);
    }
    return entry.name.endsWith('.tf') ? [full] : [];
  });
}

(async () => {
  const parsed = {};
  for (const file of terraformFiles(root).sort()) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    parsed[relative] = await parse(relative, fs.readFileSync(file, 'utf8'));
  }
  process.stdout.write(JSON.stringify(parsed));
})().catch((error) => {
  console.error(error && error.message ? error.message : String(error));
  process.exit(1);
});
