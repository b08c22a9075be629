'use strict';

// Cave Quest: the in-skill purchase flow exactly as the seed writes it — callbacks, Jovo-style
// handlers, `this.alexaSkill().inSkillPurchase()`.

const { App } = require('skillshop');

const app = new App();
const HINTS_PER_PACK = 5;

app.setHandler({
    'LAUNCH': function() {
        this.ask('Welcome to Cave Quest. Would you like to buy the Cave Quest expansion?', 'Say buy Cave Quest, or ask for a refund.');
    },

    'BuySkillItemIntent': function(productName) {
        let productReferenceName = productName.id;
        this.alexaSkill()
            .inSkillPurchase()
            .getProductByReferenceName(productReferenceName, (error, product) => {
            if (product.entitled === 'ENTITLED') {
                this.tell('You own it already');
                return;
            }

            this.alexaSkill().inSkillPurchase().buy(product.productId);
        });
    },

    'RefundSkillItemIntent': function(productName) {
        let productReferenceName = productName.id;
        this.alexaSkill()
            .inSkillPurchase()
            .getProductByReferenceName(productReferenceName, (error, product) => {
            this.alexaSkill().inSkillPurchase().cancel(product.productId);
        });
    },

    'ON_PURCHASE': function() {
        console.log(this.alexaSkill().inSkillPurchase().getPayloads());
        this.tell(this.alexaSkill().inSkillPurchase().getPurchaseResult());
    },

    // Beyond the seed: the answer to LAUNCH's question, a consumable with an upsell, and
    // "what can I buy" — written the modern way, with async/await.

    'AMAZON.YesIntent': function() {
        return this.toIntent('BuySkillItemIntent', { name: 'ProductName', value: 'cave quest', key: 'Cave Quest', id: 'cave_quest' });
    },

    'AMAZON.NoIntent': function() {
        this.tell('Okay. The caves will wait for you.');
    },

    async HintIntent() {
        const hintPack = await this.isp.getProductByReferenceName('hint_pack');
        // Amazon counts the packs bought; the skill counts the hints used (five hints a pack).
        const used = this.user().data.hintsUsed || 0;
        const left = Math.max(0, hintPack.activeEntitlementCount * HINTS_PER_PACK - used);
        if (left > 0) {
            this.user().data.hintsUsed = used + 1;
            this.tell(`Here is your hint: the dragon fears the light. You have ${left - 1} ${left - 1 === 1 ? 'hint' : 'hints'} left.`);
            return;
        }
        this.isp.upsell(hintPack.productId, 'You are out of hints. The Hint Pack has five more. Do you want to hear about it?', 'hint');
    },

    async BuyHintsIntent() {
        // Consumables can be bought again and again: no "you own it already" here.
        await this.isp.buyByReferenceName('hint_pack', 'hint');
    },

    async WhatCanIBuyIntent() {
        const products = await this.isp.getProductList({ purchasable: 'PURCHASABLE' });
        if (products.length === 0) {
            this.tell('You own everything Cave Quest has to offer. Enjoy the caves!');
            return;
        }
        const names = products.map((product) => product.name);
        const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
        this.ask(`You can buy ${list}. Which would you like?`, `You can buy ${list}.`);
    },

    'AMAZON.HelpIntent': function() {
        this.ask('You can say buy Cave Quest, ask for a hint, ask what you can buy, or ask for a refund. What would you like?', 'What would you like?');
    },

    'END': function() {
        this.tell('Goodbye.');
    },

    'Unhandled': function() {
        this.ask('Sorry, I did not get that. You can say buy Cave Quest.', 'You can say buy Cave Quest.');
    },
});

module.exports = { app };
