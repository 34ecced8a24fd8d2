import type { ScenarioFamily } from '../scenario.js';

// Filled in by the pagination scenario work; the fault self-test fails until the faults it owns are caught.
export const paginationFamily: ScenarioFamily = () => [];
