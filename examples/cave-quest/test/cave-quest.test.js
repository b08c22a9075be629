'use strict';

// Cave Quest's purchase flow, tested offline with skillshop's simulator: no Amazon account, no
// device, no resetting test purchases by hand.

const { describe, it, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { simulator } = require('skillshop/testing');

describe('Cave Quest', () => {
    let s;
    beforeEach(async () => {
        s = await simulator({ project: path.join(__dirname, '..') });
    });
    afterEach(() => s.close());

    it('sells the expansion', async () => {
        await s.say('open cave quest');
        await s.say('buy cave quest');
        assert.match(s.lastTurn.speech, /It's \$1\.99 plus tax\. Would you like to buy it\?/);
        await s.say('yes');
        assert.equal(s.lastTurn.purchase.purchaseResult, 'ACCEPTED');
        assert.equal(s.entitlements().find((e) => e.referenceName === 'cave_quest').entitled, true);

        await s.say('buy cave quest');
        assert.equal(s.lastTurn.speech, 'You own it already');
    });

    it('offers hints when the player runs out, and counts them', async () => {
        await s.say('give me a hint');
        assert.match(s.lastTurn.speech, /out of hints/);
        await s.say('yes');
        await s.say('yes');
        await s.say('give me a hint');
        assert.equal(s.lastTurn.speech, 'Here is your hint: the dragon fears the light. You have 4 hints left.');
    });

    it('waits for a parent in a kid skill, and sells once the parent approves', async () => {
        s.fault('pending-purchase');
        await s.say('buy cave quest');
        await s.say('yes');
        assert.equal(s.lastTurn.purchase.purchaseResult, 'PENDING_PURCHASE');
        assert.deepEqual(s.pendingApprovals().map((p) => p.referenceName), ['cave_quest']);
        s.parent('approve', 'cave_quest');
        await s.say('buy cave quest');
        assert.equal(s.lastTurn.speech, 'You own it already');
    });

    it('apologises when the Monetization service is down', async () => {
        s.fault('monetization-500');
        await s.say('buy cave quest');
        assert.equal(s.lastTurn.speech, 'Sorry, something went wrong. Please try again later.');
    });
});
