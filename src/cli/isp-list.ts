/** `skillshop isp list [--json]`: the products of the catalog, one line each. */
import { defaultProductName, loadCatalog, productLocales, type CatalogProduct } from '../isp/catalog';
import { formatProblem, hasErrors, type Problem } from '../problems';
import { skillshopError } from '../errors';
import { parseCommandArgs } from './args';

const usage = 'skillshop isp list [--json]';
export const NO_PRODUCTS = 'No products yet — add one with skillshop isp add';

export interface ProductListing {
  referenceName: string;
  type: string;
  name: string;
  file: string;
  locales: string[];
  prices: Record<string, { price: number; currency: string }>;
}

export async function ispList(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
  if (positionals.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument ${positionals.join(' ')}.\nUsage: ${usage}`);
  const { products, problems } = loadCatalog(process.cwd());
  const listings = products.map(listing);
  if (values.json) console.log(JSON.stringify(listings, null, 2));
  else if (listings.length === 0) console.log(problems.length === 0 ? NO_PRODUCTS : 'No valid products.');
  else console.log(table(listings));
  reportProblems(problems);
  return hasErrors(problems) ? 1 : 0;
}

function listing(product: CatalogProduct): ProductListing {
  const prices: ProductListing['prices'] = {};
  for (const [marketplace, entry] of Object.entries(product.definition.publishingInformation.pricing ?? {})) {
    if (entry) prices[marketplace] = { price: entry.defaultPriceListing.price, currency: entry.defaultPriceListing.currency };
  }
  return {
    referenceName: product.referenceName,
    type: product.type,
    name: defaultProductName(product),
    file: product.file,
    locales: productLocales(product),
    prices,
  };
}

function table(listings: ProductListing[]): string {
  const rows = [['REFERENCE NAME', 'TYPE', 'NAME', 'PRICE', 'FILE']];
  for (const item of listings) {
    const prices = Object.values(item.prices);
    const price = prices[0] ? `${prices[0].price} ${prices[0].currency}${prices.length > 1 ? ` (+${prices.length - 1})` : ''}` : '-';
    rows.push([item.referenceName, item.type, item.name, price, item.file]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n');
}

/** Errors in full (a broken file is missing from the list), warnings as a count. */
function reportProblems(problems: Problem[]): void {
  for (const problem of problems) if (problem.severity === 'error') console.error(formatProblem(problem));
  const warnings = problems.filter((problem) => problem.severity === 'warning').length;
  if (warnings > 0) console.error(`${warnings} warning(s): see skillshop isp validate`);
}
