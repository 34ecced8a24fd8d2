import { createHash } from 'node:crypto';
import * as allure from 'allure-js-commons';
import { scrub } from '../config/redact.js';
import type { Scenario } from '../engine/scenario.js';
import type { CheckOutcome } from '../model/outcome.js';
import { allureEvidence } from './allure-evidence.js';

/** The test being labelled and what it did. */
export interface LabelledTest {
  suite: string;
  scenario: Scenario;
  outcomes: CheckOutcome[];
  /** The principals it acted as. */
  principals: string[];
  seed: number;
  secrets: string[];
}

/**
 * Labels the running test for Allure (area → epic, operationId → feature, check → story, every check id as a
 * tag, severity by check), its parameters (seed; the principals it acted as) and the failing exchanges as
 * redacted JSON and curl. Reporting must never change a verdict, so a failure here is not thrown: it is
 * returned, and the test annotates itself with it (reporters show it; the outcomes stand as judged).
 */
export async function labelForAllure({ suite, scenario, outcomes, principals, seed, secrets }: LabelledTest): Promise<string | undefined> {
  try {
    const evidence = allureEvidence(scenario, outcomes, secrets, seed);
    // The test's identity for Allure's history, without the seed the describe title carries: nightly runs with
    // different seeds then line up as one test's history.
    await allure.testCaseId(createHash('md5').update(`ims-conformance:${suite}#${scenario.title}`).digest('hex'));
    await allure.epic(evidence.epic);
    await allure.feature(evidence.feature);
    await allure.story(evidence.story);
    await allure.tags(...evidence.tags);
    await allure.severity(evidence.severity);
    // Excluded from Allure's history id: the same scenario under another seed or principal set is the same test.
    await allure.parameter('seed', String(seed), { excluded: true });
    if (principals.length > 0) await allure.parameter('principal', principals.join(', '), { excluded: true });
    if (evidence.description) await allure.description(evidence.description);
    for (const a of evidence.attachments) await allure.attachment(a.name, a.content, { contentType: a.contentType });
  } catch (error) {
    return scrub(`the Allure labels and evidence of this test were not written: ${(error as Error).message}`, secrets);
  }
  return undefined;
}
