// Regenerates kernel-wasm.ts from kernel.wat. wabt is not a dependency (the output is committed), so:
//   npm install --no-save wabt@1.0.39 && node src/modules/projection/build-kernel.mjs
import fs from 'node:fs';
import wabtInit from 'wabt';

const here = new URL('.', import.meta.url);
const wabt = await wabtInit();
const mod = wabt.parseWat('kernel.wat', fs.readFileSync(new URL('kernel.wat', here), 'utf8'), { simd: true });
mod.validate();
const base64 = Buffer.from(mod.toBinary({}).buffer).toString('base64');
fs.writeFileSync(new URL('kernel-wasm.ts', here), `// Generated from kernel.wat by build-kernel.mjs (wat2wasm of the wabt npm package). Do not edit by hand.
export const KERNEL_WASM_BASE64 =
  '${base64}';
`);
process.stdout.write(`kernel-wasm.ts: ${base64.length} base64 characters\n`);
