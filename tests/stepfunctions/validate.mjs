// Checks state machine definitions with asl-validator. Usage: node validate.mjs a.json b.json ...
// Prints { "file": [errors...] } as JSON (an empty list: valid) and exits 1 when one is invalid.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const validate = createRequire(import.meta.url)('asl-validator');
const results = {};
for (const file of process.argv.slice(2)) {
  const { isValid, errors } = validate(JSON.parse(readFileSync(file, 'utf8')));
  results[file] = isValid ? [] : errors.map(e => e.message ?? JSON.stringify(e));
}

process.stdout.write(JSON.stringify(results));
process.exitCode = Object.values(results).some(e => e.length > 0) ? 1 : 0;
