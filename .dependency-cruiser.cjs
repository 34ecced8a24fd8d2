/**
 * The architecture, as rules `npm run lint:layers` (part of `npm test`) holds the code to. Read bottom-up; each
 * layer may import only the layers below it, never one beside it or above it (ARCHITECTURE.md, "Layers"):
 *
 *   src/cli                                             composes everything; the only place the mock becomes the target
 *   src/suite · src/run · reports · src/preflight       vitest, the console, report files (from results alone), preflight
 *   src/engine                                          scenarios and how they run against a target it is given
 *   generators · src/checks · src/transport · src/auth  arbitraries, pure checks, HTTP, request signing
 *   src/spec · src/config                               the contract read; the run's settings (config reads spec)
 *   src/model · src/iam                                 shared shapes (exchange, outcome, finding, operation); IAM oracle
 *
 *   mock/ stands beside them: a reference endpoint built from the same contract (model, spec, config), which
 *   must never lean on the code it is there to test. scripts/ and suites/ sit on top.
 *
 * Type-only imports count: a layer that needs another's types depends on it just the same.
 */

/** Folders of one layer, as a path regex. */
const layer = (...folders) => `^(${folders.join('|')})/`;

const MODEL = ['src/model', 'src/iam'];
const CONTRACT = [...MODEL, 'src/spec', 'src/config'];
const PARTS = [...CONTRACT, 'generators', 'src/checks', 'src/transport', 'src/auth'];
const ENGINE = [...PARTS, 'src/engine'];
const OUTPUTS = [...ENGINE, 'src/suite', 'src/run', 'reports', 'src/preflight'];

/** A rule that `from` may import nothing of this project outside `allowed` (node_modules and node: are free). */
function onlyBelow(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: layer(...from) },
    to: { path: '^(src|mock|generators|reports|scripts|suites)/', pathNot: layer(...allowed) },
  };
}

/** A rule that two folders of one layer stay independent of each other. */
function apart(name, comment, folders) {
  return folders.map((folder) => ({
    name,
    comment,
    severity: 'error',
    from: { path: layer(folder) },
    to: { path: layer(...folders.filter((other) => other !== folder)) },
  }));
}

module.exports = {
  forbidden: [
    onlyBelow(
      'model-is-the-floor',
      'src/model (the shapes every layer shares) and src/iam (the suite’s IAM oracle) import nothing of the project: ' +
        'put a type here only when layers above need it and it needs nothing above.',
      ['src/model', 'src/iam'],
      MODEL,
    ),
    ...apart('model-and-oracle-apart', 'The shapes do not know the IAM oracle, nor the oracle the shapes.', ['src/model', 'src/iam']),
    onlyBelow(
      'contract-reads-only-the-model',
      'src/spec reads the OpenAPI contract and src/config the run settings; both build on the model alone.',
      ['src/spec', 'src/config'],
      CONTRACT,
    ),
    {
      name: 'spec-knows-no-config',
      comment: 'Config validates itself with the spec’s schema tools, so the spec may never reach back into config.',
      severity: 'error',
      from: { path: '^src/spec/' },
      to: { path: '^src/config/' },
    },
    onlyBelow(
      'parts-stand-on-the-contract',
      'Generators, checks, the transport and the signer are parts the engine assembles: none knows the engine, the mock or the outputs.',
      ['generators', 'src/checks', 'src/transport', 'src/auth'],
      PARTS,
    ),
    ...apart('parts-are-independent', 'Each part is usable without the others (a check does no HTTP, the transport judges nothing).', [
      'generators',
      'src/checks',
      'src/transport',
      'src/auth',
    ]),
    onlyBelow(
      'engine-never-reaches-up',
      'The engine runs scenarios against whatever target it is given: it never starts the mock nor writes reports.',
      ['src/engine'],
      ENGINE,
    ),
    onlyBelow(
      'outputs-below-the-cli',
      'vitest suites, the runner, reports and preflight use the engine; only the CLI composes them (and starts the mock).',
      ['src/suite', 'src/run', 'reports', 'src/preflight'],
      OUTPUTS,
    ),
    {
      name: 'reports-read-results-not-the-engine',
      comment:
        'Reports are written from results (src/model) alone, so `ims-conformance report` and `merge` can rebuild them ' +
        'from a saved summary.json with no engine behind them.',
      severity: 'error',
      from: { path: '^reports/' },
      to: { path: '^src/engine/' },
    },
    {
      name: 'mock-stands-apart',
      comment:
        'The mock is a second implementation of the contract. It may read the contract (model, spec, config) but ' +
        'never the suite’s engine, checks, signer, IAM oracle or outputs: agreeing with the code under test proves nothing.',
      severity: 'error',
      from: { path: '^mock/' },
      to: { path: '^(src|generators|reports|scripts|suites)/', pathNot: layer('src/model', 'src/spec', 'src/config') },
    },
    {
      name: 'only-the-cli-starts-the-mock',
      comment: 'Whether a run targets the embedded mock is the CLI’s decision (src/cli/embedded-target.ts); scripts and tests may use it too.',
      severity: 'error',
      from: { path: '^(src|generators|reports)/', pathNot: '^src/cli/' },
      to: { path: '^mock/' },
    },
    {
      name: 'suites-declare-through-src-suite',
      comment: 'suites/*.test.ts only declare tests, through src/suite/define-suite.ts.',
      severity: 'error',
      from: { path: '^suites/' },
      to: { path: '^(src|mock|generators|reports|scripts)/', pathNot: '^src/suite/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included: a cycle means two modules are one, or a type sits too high.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module of src/ that nothing imports and that imports nothing is dead code (entry points excepted).',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: '^src/cli/main\\.ts$' },
      to: {},
    },
    {
      name: 'no-undeclared-dependencies',
      comment: 'Every package the shipped code imports is in package.json dependencies (not reached through another package).',
      severity: 'error',
      from: { path: '^(src|mock|generators|reports)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'imports-resolve',
      comment: 'An import that resolves to nothing fails at run time (or names a package reached only through another).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'runtime-code-uses-no-dev-dependencies',
      comment: 'The published CLI installs only dependencies: shipped code must not import a devDependency (the Huawei SDK is one, for tests).',
      severity: 'error',
      from: { path: '^(src|mock|generators|reports)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // node_modules is not excluded, only not followed: the dependency rules must see which package an import names.
    exclude: { path: '^dist/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
