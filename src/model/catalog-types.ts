/**
 * Slot types that know the product catalog, so that product names in the model never drift from
 * `platforms/alexaSkill/isps/`.
 *
 * 1. A catalog-generated type — `{ "name": "LIST_OF_PRODUCT_NAMES", "fromCatalog": true }` — gets one
 *    value per product: the product's name in the model's locale as value, its referenceName as id
 *    (what the seed's handlers pass to getProductByReferenceName). Optional `values` entries with a
 *    product's id add synonyms (`synonyms`, and `value` when it differs from the product's name).
 *
 * 2. A hand-written product type is checked against the catalog. A type is a product type when it
 *    is a custom type used by some intent's input and either one of its value ids is a product's
 *    referenceName, or its name says "product" (LIST_OF_PRODUCT_NAMES, productType). For those,
 *    build warns about ids that are no product's referenceName (the handler would find no product)
 *    and about products with a name in the locale that no value covers (users could not buy them).
 */
import { productName, type CatalogProduct } from '../isp/catalog';
import type { Problem } from '../problems';
import { jsonPath } from '../problems';
import type { ModelType, ModelValue, NormalizedModel } from './normalized-model';

function sameText(a: string, b: string, locale: string): boolean {
  return a.toLocaleLowerCase(locale) === b.toLocaleLowerCase(locale);
}

function byReferenceName(products: readonly CatalogProduct[]): CatalogProduct[] {
  return [...products].sort((a, b) => (a.referenceName < b.referenceName ? -1 : a.referenceName > b.referenceName ? 1 : 0));
}

/** Replaces the values of every `fromCatalog` type with the catalog's products. */
export function expandCatalogTypes(model: NormalizedModel, products: readonly CatalogProduct[]): Problem[] {
  const problems: Problem[] = [];
  const references = new Set(products.map((product) => product.referenceName));
  for (const type of model.types) {
    if (!type.fromCatalog) continue;
    const extras = type.values ?? [];
    for (const entry of extras) {
      if (entry.id === undefined || !references.has(entry.id)) {
        problems.push({
          severity: 'warning', file: model.file, path: jsonPath(...entry.path), rule: 'catalog-type/unknown-id',
          message: entry.id === undefined
            ? `Values of the catalog type ${type.name} add synonyms to a product and need its referenceName as "id"; this one has none and is left out.`
            : `"${entry.id}" is not the referenceName of a product in platforms/alexaSkill/isps/; this value is left out of ${type.name}.`,
          fix: `Use one of: ${[...references].sort().join(', ') || '(the catalog is empty)'}.`,
        });
      }
    }
    const values: ModelValue[] = [];
    for (const product of byReferenceName(products)) {
      const name = productName(product, model.locale);
      if (name === undefined) {
        problems.push({
          severity: 'notice', file: model.file, path: jsonPath(...type.path), rule: 'catalog-type/no-name',
          message: `Product ${product.referenceName} has no name in ${model.locale}, so ${type.name} leaves it out.`,
          fix: `Add publishingInformation.locales["${model.locale}"].name to ${product.file} to sell it in ${model.locale}.`,
        });
        continue;
      }
      const synonyms: string[] = [];
      const add = (synonym: string) => {
        if (!sameText(synonym, name, model.locale) && !synonyms.some((known) => sameText(known, synonym, model.locale))) synonyms.push(synonym);
      };
      for (const entry of extras.filter((extra) => extra.id === product.referenceName)) {
        if (entry.value !== undefined) add(entry.value);
        entry.synonyms.forEach(add);
      }
      values.push({ value: name, id: product.referenceName, synonyms, path: type.path });
    }
    type.values = values;
  }
  return problems;
}

/** Is `type` a hand-written type that holds products (see above)? */
export function isProductType(type: ModelType, used: ReadonlySet<string>, references: ReadonlySet<string>): boolean {
  if (type.fromCatalog || !used.has(type.name)) return false;
  return /product/i.test(type.name) || (type.values ?? []).some((value) => value.id !== undefined && references.has(value.id));
}

/** Warnings for hand-written product types that disagree with the catalog. */
export function productTypeProblems(model: NormalizedModel, products: readonly CatalogProduct[]): Problem[] {
  if (products.length === 0) return [];
  const references = new Set(products.map((product) => product.referenceName));
  const used = new Set(model.intents.flatMap((intent) => intent.slots.map((slot) => slot.type)).filter((type): type is string => type !== undefined));
  const problems: Problem[] = [];
  const known = [...references].sort().join(', ');
  for (const type of model.types) {
    if (!isProductType(type, used, references)) continue;
    const values = type.values ?? [];
    for (const value of values) {
      if (value.id !== undefined && references.has(value.id)) continue;
      problems.push({
        severity: 'warning', file: model.file, path: jsonPath(...value.path), rule: 'catalog-type/unknown-id',
        message: value.id === undefined
          ? `"${value.value ?? ''}" in the product type ${type.name} has no id, so a handler gets no referenceName for it.`
          : `"${value.id}" in the product type ${type.name} is not the referenceName of any product in platforms/alexaSkill/isps/.`,
        fix: `Use a product's referenceName as id (${known}), or declare "fromCatalog": true on ${type.name} to generate its values from the catalog.`,
      });
    }
    for (const product of byReferenceName(products)) {
      const name = productName(product, model.locale);
      if (name === undefined || values.some((value) => value.id === product.referenceName)) continue;
      problems.push({
        severity: 'warning', file: model.file, path: jsonPath(...type.path), rule: 'catalog-type/missing-product',
        message: `The product type ${type.name} has no value for product ${product.referenceName} ("${name}"), so users cannot name it.`,
        fix: `Add { "value": "${name}", "id": "${product.referenceName}" }, or declare "fromCatalog": true on ${type.name}.`,
      });
    }
  }
  return problems;
}
