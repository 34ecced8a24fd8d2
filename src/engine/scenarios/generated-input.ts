import type { ScenarioFamily } from '../scenario.js';

// Filled in by the generated-input scenario work; the fault self-test fails until the faults it owns are caught.
export const generatedInputFamily: ScenarioFamily = () => [];
