/**
 * `skillshop db <subcommand>`: set up the project's storage before the skill serves requests.
 * The store is the one the project configures: `storage` in skillshop.json, else SKILLSHOP_STORAGE /
 * DATABASE_URL (see src/storage/index.ts). A store built in the app's code is not seen here.
 */
import { readProjectSettings } from '../app/project';
import { skillshopError } from '../errors';
import { createStore, isMigratableStore, isTableStore, type SchemaStatus, type Store } from '../storage';
import { parseCommandArgs } from './args';
import type { CommandModule } from './main';

export const usage = `skillshop db <subcommand>

  migrate        Bring the database schema up to the version this skillshop needs (SQLite, PostgreSQL),
                 printing the versions applied. Safe to repeat, and to run from two places at once.
  create-table   Create the DynamoDB table (storage.table, default "skillshop") and wait until it is ACTIVE.
  status         Show the store, where it is, and its schema version; exits 1 when it needs work [--json]

The store is the project's: "storage" in skillshop.json, else SKILLSHOP_STORAGE, else a postgres://
DATABASE_URL, else SQLite at .skillshop/data/skillshop.db.`;

export interface DbContext {
  /** The project folder. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  print(line: string): void;
}

type Subcommand = (args: string[], store: Store, context: DbContext) => Promise<number>;

const SUBCOMMANDS: Record<string, Subcommand> = {
  migrate: dbMigrate,
  'create-table': dbCreateTable,
  status: dbStatus,
};

/** Runs a db subcommand against the project in `context.cwd`; resolves the exit code. */
export async function runDb(args: string[], context: DbContext): Promise<number> {
  const [name, ...rest] = args;
  const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!subcommand) {
    const what = name === undefined ? 'Missing subcommand.' : `Unknown subcommand "${name}".`;
    throw skillshopError('CLI_USAGE', `${what} Subcommands: ${Object.keys(SUBCOMMANDS).join(', ')}.\nUsage: ${usage}`);
  }
  const settings = readProjectSettings(context.cwd);
  const store = createStore(settings.storage, context.cwd, { env: context.env });
  try {
    return await subcommand(rest, store, context);
  } finally {
    await store.close();
  }
}

async function dbMigrate(args: string[], store: Store, { print }: DbContext): Promise<number> {
  noArguments(args, 'skillshop db migrate');
  if (isMigratableStore(store)) {
    const { applied, version } = await store.migrate();
    const where = (await store.status()).location;
    print(
      applied.length === 0
        ? `${store.kind} at ${where} is at schema version ${version}: nothing to do.`
        : `Applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')} to ${store.kind} at ${where}: now at schema version ${version}.`,
    );
    return 0;
  }
  if (isTableStore(store)) {
    print('DynamoDB has no schema to migrate; `skillshop db create-table` creates the table skillshop needs.');
    return 0;
  }
  print(`The ${store.kind} store has no schema: nothing to migrate.`);
  return 0;
}

async function dbCreateTable(args: string[], store: Store, { print }: DbContext): Promise<number> {
  noArguments(args, 'skillshop db create-table');
  if (!isTableStore(store)) {
    throw skillshopError(
      'CLI_USAGE',
      `create-table is for DynamoDB storage, but this project's storage is ${store.kind}` +
        (isMigratableStore(store) ? '; run `skillshop db migrate` instead.' : '.'),
    );
  }
  const created = await store.createTable();
  const { location } = await store.status();
  print(created ? `Created the DynamoDB ${location}; it is ACTIVE.` : `The DynamoDB ${location} exists already; it is ACTIVE.`);
  return 0;
}

async function dbStatus(args: string[], store: Store, { print }: DbContext): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, 'skillshop db status [--json]');
  if (!isMigratableStore(store) && !isTableStore(store)) {
    const status = { kind: store.kind, location: '-', version: 0, expected: 0, note: 'nothing to set up' };
    print(values.json ? JSON.stringify(status, null, 2) : `${store.kind}: nothing to set up.`);
    return 0;
  }
  const status = await store.status();
  print(values.json ? JSON.stringify(status, null, 2) : describe(status));
  return status.version === status.expected ? 0 : 1;
}

function describe(status: SchemaStatus): string {
  const state =
    status.version === status.expected
      ? 'up to date'
      : status.version < status.expected
        ? `needs ${status.kind === 'dynamodb' ? '`skillshop db create-table`' : '`skillshop db migrate`'}`
        : 'made by a newer skillshop: upgrade skillshop';
  return [
    `store:    ${status.kind}`,
    `where:    ${status.location}`,
    `schema:   version ${status.version} of ${status.expected} (${state})`,
    ...(status.note ? [`note:     ${status.note}`] : []),
  ].join('\n');
}

function noArguments(args: string[], usageLine: string): void {
  if (args.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument ${args.join(' ')}.\nUsage: ${usageLine}`);
}

export const command: CommandModule = {
  summary: 'Set up the storage: migrate, create-table (DynamoDB), status',
  usage,
  run: (args) => runDb(args, { cwd: process.cwd(), env: process.env, print: (line) => console.log(line) }),
};
