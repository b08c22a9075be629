'use strict';

// Cave Quest: the in-skill purchase flow exactly as the seed writes it — callbacks, Jovo-style
// handlers, `this.alexaSkill().inSkillPurchase()`.

const { App } = require('skillshop');

const app = new App();

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

    'AMAZON.HelpIntent': function() {
        this.ask('You can say buy Cave Quest, or ask for a refund. What would you like?', 'What would you like?');
    },

    'END': function() {
        this.tell('Goodbye.');
    },

    'Unhandled': function() {
        this.ask('Sorry, I did not get that. You can say buy Cave Quest.', 'You can say buy Cave Quest.');
    },
});

module.exports = { app };
