// Injected into the CommonJS bin by scripts/bundle.mjs: what import.meta.url would be.
export const __monc_module_url = require('node:url').pathToFileURL(__filename).href;
