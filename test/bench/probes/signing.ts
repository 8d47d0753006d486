import { benchSignedFacturae } from '../../conformance/facturae/bench.ts';

/**
 * Child process of `npm run bench`: one run of the signed-Facturae benchmark (its own warm-up, then
 * `seconds` of build + sign, one document after another), printed as JSON on the last line.
 * Run: `node --import tsx test/bench/probes/signing.ts [seconds]`.
 */
const seconds = Number(process.argv[2] ?? 5);
const perSecond = await benchSignedFacturae(seconds);
console.log(JSON.stringify({ seconds, perSecond }));
