import { defineSuite } from '../src/suite/define-suite.js';

await defineSuite('async-actions');
