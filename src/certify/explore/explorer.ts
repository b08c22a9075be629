/**
 * The certification explorer's view of a skill: one simulator session (the same Simulator as
 * `skillshop simulate`, in process or over `--endpoint`), and per locale a tester that knows the
 * products sold there, what testers say, and what the `certify` settings tell about the content.
 * Rules ask a tester for visits; every visit is a fresh user, so visits never see each other's
 * purchases or stored data.
 */
import type { App } from '../../app/app';
import { fixedClock } from '../../clock';
import { productName, type CatalogProduct } from '../../isp/catalog';
import type { ProductDefinitionType } from '../../isp/product-definition';
import { tableFor } from '../../simulator/nlu';
import { simulator, type Simulator } from '../../simulator/simulator';
import { contentFor, utterancesFor, type ContentSettings, type Utterances } from '../settings';
import type { CertifyContext, ModelLocale } from '../types';
import { Visit, yesNoWords } from './visit';

/** A product as one locale's tester sees it. */
export interface ProductUnderTest {
  referenceName: string;
  type: ProductDefinitionType;
  productId: string;
  /** Its name in this locale. */
  name: string;
  /** The name and the model's synonyms for it (slot values whose id is the referenceName). */
  names: string[];
  /** `Cave Quest (cave_quest)`, for evidence. */
  label: string;
  /** What its definition says: purchasableState is not NOT_PURCHASABLE. */
  forSale: boolean;
  /** customProductPrompts.purchasePromptDescription in this locale. */
  purchasePrompt: string | undefined;
  catalog: CatalogProduct;
}

export class LocaleTester {
  readonly products: ProductUnderTest[];
  readonly yesWord: string;
  readonly noWord: string;

  constructor(
    private readonly exploration: Exploration,
    readonly locale: string,
    /** The project-relative file of the locale's model. */
    readonly modelFile: string,
    readonly invocation: string,
    products: ProductUnderTest[],
    /** What testers say here; undefined when a non-English locale has none in the settings. */
    readonly utterances: Utterances | undefined,
    readonly content: ContentSettings,
    readonly childDirected: boolean,
  ) {
    this.products = products;
    ({ yes: this.yesWord, no: this.noWord } = yesNoWords(locale));
  }

  /** Products of one type (or of several). */
  ofType(...types: ProductDefinitionType[]): ProductUnderTest[] {
    return this.products.filter((product) => types.includes(product.type));
  }

  product(referenceName: string): ProductUnderTest | undefined {
    return this.products.find((product) => product.referenceName === referenceName);
  }

  byId(productId: string): ProductUnderTest | undefined {
    return this.exploration.productById(this.locale, productId);
  }

  /** A tester utterance with `{product}` and `{invocation}` filled in. */
  fill(template: string, product?: ProductUnderTest | string): string {
    const name = typeof product === 'string' ? product : product?.name;
    return template.replace(/\{invocation\}/g, this.invocation).replace(/\{product\}/g, (name ?? '').toLowerCase());
  }

  /** The locale's plain "open <invocation>". */
  launchPhrase(): string {
    const template = tableFor(this.locale).launch[0] ?? 'open {invocation}';
    return template.replace('{invocation}', this.invocation);
  }

  /** A fresh user in this locale, nothing owned, no faults, every product as its definition says. */
  visit(label: string): Visit {
    return this.exploration.newVisit(this, label);
  }
}

export interface ExplorationOptions {
  endpoint?: string;
  app?: App;
}

/** Starts lazily, once per certify run; `close()` stops the simulator. */
export class Exploration {
  private readonly testers: LocaleTester[] = [];
  private readonly idsByReference = new Map<string, string>();
  private users = 0;

  private constructor(
    private readonly sim: Simulator,
    private readonly clock: ReturnType<typeof fixedClock>,
    readonly target: string,
  ) {}

  static async start(context: CertifyContext, options: ExplorationOptions = {}): Promise<Exploration> {
    // A clock that moves only when a visit says time passes: the same skill gives the same report.
    const clock = fixedClock(Date.UTC(2026, 0, 5, 12));
    const sim = await simulator({
      project: context.dir,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.app ? { app: options.app } : {}),
      clock,
      implicitLaunch: true,
    });
    const exploration = new Exploration(sim, clock, sim.skillTarget);
    for (const product of sim.emulator.catalog) exploration.idsByReference.set(product.referenceName, product.productId);
    if (!('error' in context.models)) {
      for (const model of context.models) exploration.testers.push(exploration.testerFor(context, model));
    }
    return exploration;
  }

  /** Testers of the selected ISP locales that have a model, in locale order. */
  get localeTesters(): readonly LocaleTester[] {
    return this.testers;
  }

  /** Every locale the skill has a model for. */
  get modelledLocales(): string[] {
    return this.sim.locales;
  }

  /** A tester for any modelled locale (one without products included): for the locale rules. */
  testerForLocale(context: CertifyContext, locale: string): LocaleTester {
    const existing = this.testers.find((tester) => tester.locale === locale);
    if (existing) return existing;
    const invocation = this.sim.project.models[locale]!.interactionModel.languageModel.invocationName;
    const products = context.products.filter((product) => productName(product, locale) !== undefined);
    return new LocaleTester(this, locale, `models/${locale}.json`, invocation, products.map((product) => this.underTest(product, locale, {})), utterancesFor(context.settings, locale), this.withAppUnits(contentFor(context.settings, locale)), context.manifest?.isChildDirected.value ?? false);
  }

  productById(locale: string, productId: string): ProductUnderTest | undefined {
    const tester = this.testers.find((entry) => entry.locale === locale);
    const found = tester?.products.find((product) => product.productId === productId);
    if (found) return found;
    const referenceName = [...this.idsByReference].find(([, id]) => id === productId)?.[0];
    return referenceName === undefined ? undefined : this.testers.flatMap((entry) => entry.products).find((product) => product.referenceName === referenceName);
  }

  newVisit(tester: LocaleTester, label: string): Visit {
    this.users += 1;
    this.sim.setLocale(tester.locale);
    this.sim.setUser(`amzn1.ask.account.CERTIFY-${String(this.users).padStart(4, '0')}`);
    this.sim.clearFaults();
    for (const product of this.sim.emulator.catalog) {
      const definition = product.forSale;
      if (this.sim.isPurchasable(product.referenceName) !== definition) this.sim.setPurchasable(product.referenceName, definition);
    }
    return new Visit(tester, this.sim, (ms) => this.clock.set(this.clock.now() + ms), label);
  }

  async close(): Promise<void> {
    await this.sim.close();
  }

  private testerFor(context: CertifyContext, model: ModelLocale): LocaleTester {
    const products = model.products.map((product) => this.underTest(product, model.locale, model.names));
    return new LocaleTester(
      this, model.locale, model.file, model.nlu.invocationName, products,
      utterancesFor(context.settings, model.locale), this.withAppUnits(contentFor(context.settings, model.locale)),
      context.manifest?.isChildDirected.value ?? false,
    );
  }

  /**
   * A consumable entry without `unitsPerPurchase` takes it from the app's own
   * `isp.consumables.<ref>.unitsPerPurchase` when the app runs in process (over an endpoint only
   * the settings can say it).
   */
  private withAppUnits(content: ContentSettings): ContentSettings {
    const units = this.sim.app?.settings.isp.unitsPerPurchase;
    if (!content.consumables || !units || units.size === 0) return content;
    const consumables = Object.fromEntries(Object.entries(content.consumables).map(([reference, entry]) => {
      const fromApp = units.get(reference);
      return [reference, entry.unitsPerPurchase === undefined && fromApp !== undefined ? { ...entry, unitsPerPurchase: fromApp } : entry];
    }));
    return { ...content, consumables };
  }

  private underTest(product: CatalogProduct, locale: string, names: Record<string, string[]>): ProductUnderTest {
    const name = productName(product, locale) ?? product.referenceName;
    const seen = new Set<string>();
    const all = [name, ...(names[product.referenceName] ?? [])].filter((word) => {
      const key = word.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const texts = locale in product.definition.publishingInformation.locales
      ? product.definition.publishingInformation.locales[locale as keyof typeof product.definition.publishingInformation.locales]
      : undefined;
    return {
      referenceName: product.referenceName,
      type: product.type,
      productId: this.idsByReference.get(product.referenceName) ?? product.referenceName,
      name,
      names: all,
      label: `${name} (${product.referenceName})`,
      forSale: product.definition.purchasableState !== 'NOT_PURCHASABLE',
      purchasePrompt: texts?.customProductPrompts?.purchasePromptDescription,
      catalog: product,
    };
  }
}
