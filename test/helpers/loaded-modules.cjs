// Preloaded (`node --require`) into a process under test: at exit, writes the CommonJS modules it
// loaded (require.cache: every npm package, ESM or not, that was loaded through require) to the file
// named by LOADED_MODULES_FILE. Used to prove what the production entry does not load at start.
const fs = require('node:fs');
const out = process.env.LOADED_MODULES_FILE;
if (out) process.on('exit', () => fs.writeFileSync(out, Object.keys(require.cache).join('\n')));
