// The files `taxonomy init` writes: a pure function of the answers, so a test can load the
// taxonomy it makes without touching disk. Values are checked against the format's own
// patterns before they get here (see answers.ts) and are still quoted for the format they
// land in (YAML through `yaml`, JSON through JSON.stringify).
import { stringify } from 'yaml';

export interface InitAnswers {
  /** The taxonomy's name: also the npm scope of the generated packages (@name/tracker). */
  readonly name: string;
  /** Reverse-DNS vendor for Iglu schemas (com.acme). */
  readonly vendor: string;
  /** The version range of the tool packages the new repository depends on (^0.1.0). */
  readonly toolRange: string;
}

export interface InitFile {
  readonly path: string;
  readonly contents: string;
}

/** One YAML scalar, quoted as the yaml package decides (never spliced raw). */
const q = (v: string): string => stringify(v).trimEnd();
const schemaLine = (kind: string, depth: number) =>
  `# yaml-language-server: $schema=${'../'.repeat(depth)}node_modules/@taxonomy/core/schema/${kind}.schema.json\n`;

function rootYaml(a: InitAnswers): string {
  return `${schemaLine('root', 1)}# The taxonomy's name, version and settings. Its version is the version every
# generated package (packages/*) starts at; from then on a package's version is its
# package.json's, which \`changeset version\` bumps (npm run changeset to ask for one).
name: ${q(a.name)}
version: 0.1.0
vendor: ${q(a.vendor)}
description: ${q(`The analytics events of ${a.name}.`)}
# Every event goes to the warehouse (taxonomy serve's store) unless its domain or
# the event itself names other destinations.
default_destinations: [warehouse]
retention:
  days: 180
`;
}

const PRIVACY = `${schemaLine('privacy', 1)}# Privacy classes. Every property names one; destinations say which they accept.
classes:
  public:
    description: Safe anywhere; says nothing about a person or a customer.
    sensitivity: 0
    allowed_in_events: true
  internal:
    description: Operational data about our own product (counts, durations, enum-like fields).
    sensitivity: 1
    allowed_in_events: true
  pseudonymous_id:
    description: An opaque id that identifies a user only through our own systems.
    sensitivity: 3
    allowed_in_events: true
  pii:
    description: Personal data that identifies a person directly (email, name, phone, IP). Refused in events unless waived.
    sensitivity: 8
    allowed_in_events: false
`;

const DESTINATIONS = `${schemaLine('destinations', 1)}# Where events go, and which privacy classes each place may receive.
destinations:
  warehouse:
    kind: warehouse
    description: Raw events in our own store (taxonomy serve) and the generated SQL views.
    accepts: [public, internal, pseudonymous_id]
`;

const CATEGORIES = `${schemaLine('categories', 1)}# Categories group events into dashboards.
categories:
  activation:
    description: A new user's first steps, from sign-up to the first project.
    owner: product
`;

const PROPERTIES = `${schemaLine('properties', 1)}# Properties shared by several events: an event refers to one with { ref: name }.
properties:
  session_id:
    type: string
    description: Opaque id of the visit the event belongs to.
    privacy: pseudonymous_id
    cardinality: high
`;

const DOMAIN = `${schemaLine('domain', 2)}# One domain: a product area, its owner and its events. Add more files beside it.
domain: app
description: The example product area; rename it or copy it for yours.
owner: product
naming: dot.snake
property_naming: snake
events:
  app.signed_up:
    description: A visitor created an account.
    trigger: The sign-up form was submitted and the account exists.
    category: activation
    properties:
      session_id: { ref: session_id, required: true }
      method:
        type: string
        enum: [email, google, github]
        description: How the account was created.
        privacy: public
        required: true
  app.project_created:
    description: A user created a project.
    trigger: The project was saved for the first time.
    category: activation
    properties:
      session_id: { ref: session_id, required: true }
      template:
        type: boolean
        description: Whether the project started from a template.
        privacy: public
`;

const METRICS = `${schemaLine('metrics', 2)}# Metrics over the events: generated as SQL views, dbt models and TypeScript functions.
metrics:
  activation_rate:
    description: Share of sign-ups followed by a created project, over the window.
    owner: product
    type: ratio
    numerator: { aggregate: count, events: [{ event: app.project_created }] }
    denominator: { aggregate: count, events: [{ event: app.signed_up }] }
    window: 30d
    grain: week
`;

function packageJson(a: InitAnswers): string {
  const pkg = {
    name: `${a.name}-taxonomy`,
    version: '0.0.0',
    private: true,
    description: `The analytics taxonomy of ${a.name}: events in YAML, everything else generated.`,
    type: 'module',
    workspaces: ['packages/*'],
    scripts: {
      check: 'taxonomy check',
      generate: 'taxonomy generate',
      govern: 'taxonomy govern --base origin/main',
      serve: 'taxonomy serve',
      metrics: 'taxonomy metrics',
      changeset: 'changeset',
      // release.yml's version step: bump, then prove generate keeps the bumped versions.
      'version-packages': 'changeset version && taxonomy generate --check',
    },
    devDependencies: {
      '@changesets/cli': '^2.31.1',
      '@taxonomy/cli': a.toolRange,
      '@taxonomy/runtime': a.toolRange,
      typescript: '~5.9.3',
    },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

const CHANGESET_CONFIG = JSON.stringify({
  $schema: 'https://unpkg.com/@changesets/config@3.1.4/schema.json',
  changelog: '@changesets/cli/changelog',
  commit: false,
  fixed: [],
  linked: [],
  access: 'restricted',
  baseBranch: 'main',
  updateInternalDependencies: 'patch',
  ignore: [],
}, null, 2) + '\n';

const GATES = `# Pull-request gates of the taxonomy: the generated output is committed, and
# \`taxonomy govern\` finds no error that the change introduces (existing debt is listed,
# not blocking). Make "taxonomy gates" a required check of the base branch.
name: taxonomy
on:
  pull_request:
permissions:
  contents: read
jobs:
  gates:
    name: taxonomy gates
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # govern reads the base taxonomy from history
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: generated output is committed (no drift)
        run: npx --no-install taxonomy generate --check
      - name: taxonomy govern
        env:
          BASE_REF: \${{ github.base_ref }}
        run: npx --no-install taxonomy govern --base "origin/$BASE_REF" --format github
`;

const CHECK = `# The whole-tree verdict on main: every finding, old or new.
name: check
on:
  push:
    branches: [main]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx --no-install taxonomy check
      - run: npx --no-install taxonomy generate --check
`;

const RELEASE = `# Versions and publishes the generated packages with changesets. On main, pending
# .changeset/*.md files open (or update) a "version packages" pull request made by
# \`npm run version-packages\` (changeset version, then generate --check: the bumped
# versions are kept, so no drift); merging it checks the tree again and publishes
# every version the registry does not have yet. Needs an NPM_TOKEN secret.
name: release
on:
  push:
    branches: [main]
concurrency:
  group: release-\${{ github.ref }}
  cancel-in-progress: false
permissions:
  contents: write
  pull-requests: write
jobs:
  release:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - name: generated packages match the taxonomy
        run: npx --no-install taxonomy generate --check
      - name: version or publish the generated packages
        uses: changesets/action@v1
        with:
          version: npm run version-packages
          publish: npx --no-install changeset publish
          commit: "release: version the generated packages"
          title: "release: version the generated packages"
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const GITIGNORE = `node_modules/
.taxonomy-cache/
events.sqlite
events.sqlite-*
`;

function readme(a: InitAnswers): string {
  return `# ${a.name} analytics taxonomy

Our analytics events, described in YAML under \`taxonomy/\` and reviewed in pull requests.
\`taxonomy generate\` turns them into the packages under \`packages/\` (JSON Schemas,
validators, the typed tracker \`@${a.name}/tracker\`, SQL views, metrics), \`dbt/\` and
\`docs/catalog/\`: all generated and committed, never edited by hand.

\`\`\`sh
npm install
npx --no-install taxonomy check       # the whole taxonomy's findings
npx --no-install taxonomy generate    # write every generated package
npx --no-install taxonomy serve       # collect events at http://127.0.0.1:8787 (SQLite)
npx --no-install taxonomy metrics     # every metric's value from the store
\`\`\`

A change: edit \`taxonomy/\`, run \`taxonomy generate\`, add a changeset (\`npm run changeset\`)
when a generated package changes, and open a pull request; \`.github/workflows/taxonomy.yml\`
runs \`taxonomy govern\` against the base branch.

A release: merging a change with a changeset into main makes
\`.github/workflows/release.yml\` open a "version packages" pull request
(\`npm run version-packages\`: \`changeset version\` bumps the generated packages'
\`package.json\`, \`taxonomy generate --check\` proves generate keeps those versions);
merging that pull request publishes them (\`changeset publish\`, with the \`NPM_TOKEN\` secret).
`;
}

/** Every file of a new taxonomy repository, sorted by path. */
export function initFiles(a: InitAnswers): InitFile[] {
  const files: InitFile[] = [
    { path: 'taxonomy/taxonomy.yaml', contents: rootYaml(a) },
    { path: 'taxonomy/privacy.yaml', contents: PRIVACY },
    { path: 'taxonomy/destinations.yaml', contents: DESTINATIONS },
    { path: 'taxonomy/categories.yaml', contents: CATEGORIES },
    { path: 'taxonomy/properties.yaml', contents: PROPERTIES },
    { path: 'taxonomy/domains/app.yaml', contents: DOMAIN },
    { path: 'taxonomy/metrics/app.yaml', contents: METRICS },
    { path: 'package.json', contents: packageJson(a) },
    { path: '.changeset/config.json', contents: CHANGESET_CONFIG },
    { path: '.github/workflows/taxonomy.yml', contents: GATES },
    { path: '.github/workflows/check.yml', contents: CHECK },
    { path: '.github/workflows/release.yml', contents: RELEASE },
    { path: '.gitignore', contents: GITIGNORE },
    { path: 'README.md', contents: readme(a) },
  ];
  return files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
