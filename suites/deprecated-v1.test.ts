import { defineSuite } from '../src/suite/define-suite.js';

await defineSuite('deprecated-v1');
