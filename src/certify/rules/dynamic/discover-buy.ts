/** Dynamic rules of discovery and buying: discover.*, history.lists-owned, buy.* (isp-certification.md). */
import { verdict } from '../../explore/judge';
import type { DynamicImplementation } from './define';

export const DISCOVER_BUY_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  'buy.direct': {
    async perLocale(tester) {
      const findings = [];
      for (const product of tester.products.filter((entry) => entry.forSale)) {
        const templates = tester.utterances!.buy.filter((template) => template.includes('{product}'));
        const visits = [];
        const failures: string[] = [];
        for (const template of templates) {
          const visit = tester.visit(`"${tester.fill(template, product)}" while ${product.label} is not owned`);
          visits.push(visit);
          await visit.launch();
          const { reply } = await visit.say(tester.fill(template, product));
          const directive = reply?.directive;
          if (!directive) failures.push(`"${tester.fill(template, product)}" gets no Buy directive`);
          else if (directive.name !== 'Buy') failures.push(`"${tester.fill(template, product)}" gets ${directive.name}, not Buy`);
          else if (directive.referenceName !== product.referenceName) failures.push(`"${tester.fill(template, product)}" buys ${directive.referenceName ?? directive.productId}, not ${product.referenceName}`);
          await visit.leave();
        }
        findings.push(verdict({
          tester, product, visits, failures,
          fix: `Answer "buy ${product.name.toLowerCase()}" with exactly one Buy directive for ${product.referenceName} (this.isp.buy(product.productId)) when the user does not own it — not an Upsell, not a question.`,
        }));
      }
      return findings;
    },
  },
};
