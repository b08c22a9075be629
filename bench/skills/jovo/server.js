'use strict';
// The skill with Jovo v4 (@jovotech/framework + platform-alexa), served by @jovotech/server-express
// as Jovo's project template does. Decorators are applied by hand (this is plain JavaScript); the
// product lookup is Jovo's own `this.$alexa.isp`. Request/response logging is off (Jovo's template
// turns it on for development), so the figures are the framework's, not the console's.
//
// Verification: Jovo v4's Express server has none (no signature or timestamp check), so there is
// no `jovo+verify` entry.

const { App, BaseComponent, Component, Global, Handle } = require('@jovotech/framework');
const { AlexaPlatform, AlexaHandles, IspBuyOutput } = require('@jovotech/platform-alexa');
const { ExpressJs, Webhook } = require('@jovotech/server-express');
const { SKILL, settings } = require('../common.js');

const config = settings();

class GlobalComponent extends BaseComponent {
  LAUNCH() {
    return this.$send({ message: SKILL.welcome, reprompt: SKILL.reprompt });
  }

  async buy() {
    const entity = this.$entities.ProductName;
    const product = await this.$alexa.isp.getProductByReferenceName(entity && entity.id);
    if (!product) return this.$send({ message: SKILL.unknownProduct, listen: false });
    if (product.entitled === 'ENTITLED') return this.$send({ message: SKILL.owned, listen: false });
    return this.$send(IspBuyOutput, { productId: product.productId, token: 'correlationToken' });
  }

  onPurchase() {
    const accepted = this.$alexa.isp.getPurchaseResult() === 'ACCEPTED';
    return this.$send({ message: accepted ? SKILL.accepted : SKILL.declined, listen: false });
  }
}
// @Handle({ intents: ['BuySkillItemIntent'] }) and @Handle(AlexaHandles.onIsp('Buy')), then @Global() @Component().
Handle({ intents: ['BuySkillItemIntent'] })(GlobalComponent.prototype, 'buy');
Handle(AlexaHandles.onIsp('Buy'))(GlobalComponent.prototype, 'onPurchase');
Global()(GlobalComponent);
Component()(GlobalComponent);

const app = new App({
  plugins: [new AlexaPlatform()],
  components: [GlobalComponent],
  logging: false,
});

app.initialize().then(
  () => {
    Webhook.post(config.path, async (req, res) => {
      await app.handle(new ExpressJs(req, res));
    });
    Webhook.listen(config.port, config.host);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
