'use strict';

// Space Trivia's shop, tested offline with skillshop's simulator: every purchase path, in English
// and German, with Amazon's answers produced on demand (declines, failures, products off sale).

const { describe, it, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { fixedClock } = require('skillshop');
const { simulator, certify } = require('skillshop/testing');

const project = path.join(__dirname, '..');
const ERROR_WORDS = /\berrors?\b|\bproblems?\b|went wrong|try again|contact us/i;
const PRICE = /[$€£]\s?\d|\d\s?[$€£]|\b(?:dollars?|euros?|cents?|price)\b/i;

/** The purchase directives the skill sent in a turn (the purchase hop's answer included). */
function directives(turn) {
    return turn.responses.flatMap((response) => response?.response?.directives ?? []).filter((d) => d.type === 'Connections.SendRequest');
}

/** What the skill itself said in a turn (not Alexa's purchase dialog). */
function skillSaid(turn) {
    return turn.lines.filter((line) => line.speaker === 'skill').map((line) => line.text).join(' ');
}

/** The last response of a turn: the skill's answer to the last request. */
function lastResponse(turn) {
    return turn.responses.at(-1).response;
}

function owned(s, referenceName) {
    return s.entitlements().find((e) => e.referenceName === referenceName);
}

/** A graceful answer: something said, no error words, no price, the session still open with a reprompt. */
function assertGraceful(turn) {
    const said = skillSaid(turn);
    assert.ok(said.length > 0, 'the skill says something');
    assert.doesNotMatch(said, ERROR_WORDS);
    assert.doesNotMatch(said, PRICE);
    assert.equal(turn.sessionOpen, true, `the session stays open after "${turn.user}"`);
    assert.ok(lastResponse(turn).reprompt?.outputSpeech, 'a reprompt');
    assert.deepEqual(turn.problems.filter((p) => p.severity === 'error'), []);
}

describe('Space Trivia', () => {
    let s;
    let clock;
    beforeEach(async () => {
        clock = fixedClock('2026-12-02T10:00:00Z');
        s = await simulator({ project, clock });
    });
    afterEach(() => s.close());

    describe('free content', () => {
        it('serves planet questions to everyone, with no offer', async () => {
            await s.say('open space trivia');
            assert.match(s.lastTurn.speech, /Welcome to Space Trivia/);
            assert.match(s.lastTurn.speech, /what you can buy/, 'purchases are explained outside help too');
            await s.say('play');
            assert.match(s.lastTurn.speech, /^Here's a planet question\. True or false: Jupiter/);
            assert.deepEqual(directives(s.lastTurn), []);
            await s.say('true');
            assert.match(s.lastTurn.speech, /^Correct! Jupiter is so big .* Next question\. True or false: Venus/);
            await s.say('it is true');
            assert.match(s.lastTurn.speech, /^Not quite: it's false\. Mercury/);
            assertGraceful(s.lastTurn);
        });

        it('with voice purchasing off, help does not advertise buying and nothing is sold', async () => {
            s.fault('voice-purchasing-off');
            await s.say('open space trivia');
            await s.say('help');
            assert.doesNotMatch(s.lastTurn.speech, /\b(?:buy|shop|purchase)\b/i);
            assertGraceful(s.lastTurn);
            await s.say('galaxy questions');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /here's a planet question/);
            await s.say('buy the galaxy pack');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /^Shopping by voice is turned off/);
            assertGraceful(s.lastTurn);
        });

        it('a question stays until it is answered or skipped', async () => {
            await s.say('open space trivia');
            await s.say('play');
            const first = s.lastTurn.speech;
            await s.say('planet questions');
            assert.equal(s.lastTurn.speech, first);
            await s.say('skip');
            assert.match(s.lastTurn.speech, /^Next question\. True or false: Venus/);
            await s.say('stop');
            await s.say('open space trivia');
            await s.say('play');
            assert.match(s.lastTurn.speech, /True or false: Venus/, 'the round goes on where it was');
        });

        it('help explains the free content and how to shop', async () => {
            await s.say('open space trivia');
            await s.say('help');
            assert.match(s.lastTurn.speech, /Planet questions are free/);
            assert.match(s.lastTurn.speech, /ask what you can buy; to hear what you have, ask what did I buy/);
            assertGraceful(s.lastTurn);
        });
    });

    describe('upsells in context', () => {
        it('offers the Galaxy Pack when asked for galaxy questions, then serves them right after the purchase', async () => {
            await s.say('open space trivia');
            await s.say('galaxy questions');
            const [upsell] = directives(s.lastTurn);
            assert.equal(upsell.name, 'Upsell');
            assert.equal(upsell.payload.InSkillProduct.productId, s.emulator.productIdOf('galaxy_pack'));
            assert.match(upsell.payload.upsellMessage, /\?$/);
            assert.doesNotMatch(upsell.payload.upsellMessage, PRICE);
            assert.equal(upsell.token, 'space-trivia:galaxy_pack:galaxies');
            await s.say('yes'); // Alexa: the offer, with the price
            assert.match(s.lastTurn.speech, /It's \$1\.99 plus tax/);
            await s.say('yes');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'ACCEPTED');
            assert.match(skillSaid(s.lastTurn), /^Enjoy the Galaxy Pack! Here's a galaxy question\. True or false: The Milky Way/);
            assertGraceful(s.lastTurn);
            assert.equal(owned(s, 'galaxy_pack').entitled, true);

            await s.say('false');
            assert.match(s.lastTurn.speech, /Next galaxy question/);
            assert.deepEqual(directives(s.lastTurn), []);
        });

        it('after a "no", the game goes on free and offers nothing more that visit', async () => {
            await s.say('open space trivia');
            await s.say('galaxy questions');
            await s.say('no');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'DECLINED');
            assert.match(skillSaid(s.lastTurn), /^Okay, maybe another time\. Here's a planet question\./);
            assertGraceful(s.lastTurn);

            await s.say('galaxy questions');
            assert.deepEqual(directives(s.lastTurn), [], 'the declined product is not offered again');
            assert.match(s.lastTurn.speech, /Galaxy questions come with the Galaxy Pack; ask me about it any time\. For now, here's a planet question/);
            await s.say('daily challenge');
            assert.deepEqual(directives(s.lastTurn), [], 'one upsell per visit');
            assert.match(s.lastTurn.speech, /members of the Star Club/);

            // The next visit may hear an offer again.
            await s.say('stop');
            await s.say('open space trivia');
            await s.say('daily challenge');
            assert.equal(directives(s.lastTurn)[0].name, 'Upsell');
        });

        it('never offers what the player owns, and never a product off sale', async () => {
            s.grant('galaxy_pack');
            s.emulator.setPurchasable(s.emulator.productIdOf('star_club'), false);
            await s.say('open space trivia');
            await s.say('galaxy questions');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /Here's a galaxy question/);
            await s.say('daily challenge');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /The daily challenge isn't available right now\. Here's a planet question instead\./);
            await s.say('buy the star club');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /The Star Club isn't available right now/);
            await s.say('what can I buy');
            assert.equal(s.lastTurn.speech, 'You can get the Clue Pack. Which one would you like to hear more about?');
        });
    });

    describe('buying directly', () => {
        for (const [utterance, referenceName, answers, served] of [
            ['buy the galaxy pack', 'galaxy_pack', ['yes'], /^Enjoy the Galaxy Pack! Here's a galaxy question\./],
            ['subscribe to star club', 'star_club', ['yes'], /^Welcome to the Star Club! Here's today's challenge\./],
            ['I want to buy a clue pack', 'clue_pack', ['yes'], /^You have 5 clues now\. Say play/],
        ]) {
            it(`"${utterance}": one Buy directive, then the content at once`, async () => {
                await s.say('open space trivia');
                await s.say(utterance);
                const sent = directives(s.lastTurn);
                assert.equal(sent.length, 1);
                assert.equal(sent[0].name, 'Buy');
                assert.equal(sent[0].payload.InSkillProduct.productId, s.emulator.productIdOf(referenceName));
                for (const answer of answers) await s.say(answer);
                assert.equal(s.lastTurn.purchase.purchaseResult, 'ACCEPTED');
                assert.match(skillSaid(s.lastTurn), served);
                assertGraceful(s.lastTurn);
            });
        }

        it('declining a Buy: free content, no second offer', async () => {
            await s.say('purchase galaxy pack');
            assert.deepEqual(directives(s.lastTurn).map((d) => d.name), ['Buy']);
            await s.say('no');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'DECLINED');
            assert.match(skillSaid(s.lastTurn), /maybe another time.*planet question/);
            assert.deepEqual(directives(s.lastTurn), [], 'no offer after the "no"');
            assertGraceful(s.lastTurn);
        });

        it('something owned is not sold twice; a consumable is', async () => {
            s.grant('galaxy_pack');
            s.grant('clue_pack');
            await s.say('open space trivia');
            await s.say('buy galaxy pack');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.equal(s.lastTurn.speech, 'You already have the Galaxy Pack. Say galaxy questions to play them.');
            assertGraceful(s.lastTurn);
            await s.say('buy more clues');
            assert.equal(directives(s.lastTurn)[0].name, 'Buy');
            await s.say('yes');
            assert.match(skillSaid(s.lastTurn), /^You have 10 clues now\./);
        });

        it('ALREADY_PURCHASED (bought on another device meanwhile) serves the content', async () => {
            await s.say('open space trivia');
            await s.say('buy galaxy pack');
            s.grant('galaxy_pack');
            await s.say('yes');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'ALREADY_PURCHASED');
            assert.match(skillSaid(s.lastTurn), /^You already have the Galaxy Pack\. Here's a galaxy question\./);
            assertGraceful(s.lastTurn);
        });

        it('an unknown product, or "buy" alone: a helpful question, no directive', async () => {
            await s.say('open space trivia');
            await s.say('buy golden unicorn');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.equal(s.lastTurn.speech, 'I don\'t know that one. You can get the Galaxy Pack, the Star Club or the Clue Pack. Which one would you like?');
            assertGraceful(s.lastTurn);
            await s.say('buy');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /^You can get the Galaxy Pack, the Star Club or the Clue Pack\. Which one would you like\?$/);
            await s.say('the star club'); // the answer to "which one?"
            assert.equal(directives(s.lastTurn)[0].name, 'Buy');
            assert.equal(s.lastTurn.purchase, undefined, 'Alexa asks first');
        });

        it('tell me more, then "yes" buys', async () => {
            await s.say('open space trivia');
            await s.say('tell me more about the galaxy pack');
            assert.equal(s.lastTurn.speech, 'A round of true or false questions about galaxies, black holes and the Milky Way. Would you like to buy it?');
            await s.say('what is star club');
            assert.match(s.lastTurn.speech, /^A new daily challenge/);
            await s.say('play');
            await s.say('yes'); // "yes" three turns later buys nothing
            assert.deepEqual(directives(s.lastTurn), []);
            await s.say('tell me about clues');
            assert.match(s.lastTurn.speech, /You have 0 clues\. Would you like to buy a Clue Pack\?$/);
            await s.say('yes');
            assert.equal(directives(s.lastTurn)[0].name, 'Buy');
        });
    });

    describe('purchase results that are not a sale', () => {
        const cases = [
            ['purchase-error', 'ERROR', /^That purchase didn't go through\. Here's a planet question/],
            ['purchase-status-500', undefined, /^That purchase didn't go through\. Here's a planet question/],
            ['purchase-unknown-result', 'SIMULATED_UNKNOWN_RESULT', /^Okay\. Here's a planet question/],
            ['pending-purchase', 'PENDING_PURCHASE', /^Your request for the Galaxy Pack is waiting for approval\./],
        ];
        for (const [fault, result, said] of cases) {
            it(`${fault}: a graceful answer and free content`, async () => {
                s.fault(fault);
                await s.say('open space trivia');
                await s.say('buy the galaxy pack');
                await s.say('yes');
                assert.equal(s.lastTurn.purchase.purchaseResult, result);
                assert.match(skillSaid(s.lastTurn), said);
                assertGraceful(s.lastTurn);
                await s.say('galaxy questions');
                assert.doesNotMatch(s.lastTurn.speech, /Here's a galaxy question/, 'no access without ENTITLED');
            });
        }

        it('the Monetization service down: free questions go on', async () => {
            s.fault('monetization-500');
            await s.say('open space trivia');
            await s.say('galaxy questions');
            assertGraceful(s.lastTurn);
            await s.say('play');
            assert.match(s.lastTurn.speech, /planet question/);
        });

        it('a purchase result that never comes: the next launch is a normal one', async () => {
            s.fault('no-purchase-result');
            await s.say('open space trivia');
            await s.say('buy the galaxy pack');
            await s.say('yes');
            assert.equal(s.lastTurn.purchase.purchaseResult, undefined);
            s.clearFaults();
            await s.say('open space trivia');
            assert.match(s.lastTurn.speech, /^Welcome to Space Trivia/);
        });
    });

    describe('clues (a consumable)', () => {
        it('uses clues one at a time to zero, then offers a Clue Pack and gives the clue after buying', async () => {
            s.grant('clue_pack');
            await s.say('open space trivia');
            await s.say('play');
            for (let left = 4; left >= 0; left--) {
                await s.say('use a clue');
                assert.match(s.lastTurn.speech, new RegExp(`^Here's your clue: It is named after .* You have ${left} ${left === 1 ? 'clue' : 'clues'} left\\. True or false: Jupiter`));
            }
            await s.say('how many clues do I have');
            assert.equal(s.lastTurn.speech, 'You have 0 clues. Say repeat to hear your question again.');
            await s.say('repeat');
            assert.match(s.lastTurn.speech, /^True or false: Jupiter/);
            await s.say('use a clue');
            const [upsell] = directives(s.lastTurn);
            assert.equal(upsell.name, 'Upsell');
            assert.equal(upsell.payload.InSkillProduct.productId, s.emulator.productIdOf('clue_pack'));
            await s.say('yes');
            await s.say('yes');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'ACCEPTED');
            assert.match(skillSaid(s.lastTurn), /^Here's your clue: It is named after .* You have 4 clues left\. True or false: Jupiter/);
            assertGraceful(s.lastTurn);
        });

        it('at zero without an upsell left this visit: a spoken offer, never below zero', async () => {
            await s.say('open space trivia');
            await s.say('galaxy questions');
            await s.say('no');
            await s.say('use a clue');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /^You're out of clues\. A Clue Pack holds five more; say buy clues whenever you like\. True or false:/);
            await s.say('how many clues do I have');
            assert.match(s.lastTurn.speech, /^You have 0 clues\./);
        });

        it('declining clues mid-question goes back to that question', async () => {
            s.grant('galaxy_pack');
            await s.say('open space trivia');
            await s.say('galaxy questions');
            await s.say('give me a clue');
            assert.equal(directives(s.lastTurn)[0].name, 'Upsell');
            await s.say('no');
            assert.equal(skillSaid(s.lastTurn), 'Okay, maybe another time. Back to your question. True or false: The Milky Way is a spiral galaxy.');
            assertGraceful(s.lastTurn);
        });

        it('at zero with the Clue Pack off sale: no offer at all', async () => {
            s.emulator.setPurchasable(s.emulator.productIdOf('clue_pack'), false);
            await s.say('open space trivia');
            await s.say('use a clue');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /^You're out of clues\. Say play/);
            assert.doesNotMatch(s.lastTurn.speech, /Clue Pack|buy/);
            assertGraceful(s.lastTurn);
        });

        it('counts 0, 1 and N, across sessions, and follows Amazon on a refund', async () => {
            await s.say('open space trivia');
            await s.say('how many clues do I have');
            assert.match(s.lastTurn.speech, /^You have 0 clues\./);
            s.grant('clue_pack');
            s.grant('clue_pack');
            await s.say('how many clues do I have');
            assert.match(s.lastTurn.speech, /^You have 10 clues\./);
            for (let i = 0; i < 9; i++) await s.say('use a clue');
            await s.say('how many clues do I have');
            assert.match(s.lastTurn.speech, /^You have 1 clue\./);
            await s.say('stop');
            await s.say('ask space trivia how many clues do I have');
            assert.match(s.lastTurn.speech, /^You have 1 clue\./, 'the balance survives a new session');
            s.revoke('clue_pack'); // a refund: one pack of five taken back, four of them used already
            await s.say('how many clues do I have');
            assert.match(s.lastTurn.speech, /^You have 0 clues\./);
        });
    });

    describe('refunds and cancellations', () => {
        it('"refund the galaxy pack" sends one Cancel; access ends with the refund', async () => {
            s.grant('galaxy_pack');
            await s.say('open space trivia');
            await s.say('refund the galaxy pack');
            const sent = directives(s.lastTurn);
            assert.equal(sent.length, 1);
            assert.equal(sent[0].name, 'Cancel');
            assert.equal(sent[0].payload.InSkillProduct.productId, s.emulator.productIdOf('galaxy_pack'));
            assert.equal(s.lastTurn.purchase.purchaseResult, 'ACCEPTED');
            assert.match(skillSaid(s.lastTurn), /^Okay, Amazon will take care of your return\./);
            assertGraceful(s.lastTurn);
            await s.say('galaxy questions');
            assert.doesNotMatch(s.lastTurn.speech, /Here's a galaxy question/);
        });

        it('"cancel my subscription": Cancel for the Star Club, which stays until the period ends', async () => {
            s.grant('star_club');
            await s.say('open space trivia');
            await s.say('cancel my subscription');
            assert.equal(directives(s.lastTurn)[0].payload.InSkillProduct.productId, s.emulator.productIdOf('star_club'));
            await s.say('yes');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'ACCEPTED');
            assert.match(skillSaid(s.lastTurn), /^Okay, your Star Club membership is cancelled\./);
            assertGraceful(s.lastTurn);
            await s.say('daily challenge');
            assert.match(s.lastTurn.speech, /^Here's today's challenge\./, 'still ENTITLED until the trial ends');
            const today = s.lastTurn.speech;
            await s.say('play today\'s challenge');
            assert.equal(s.lastTurn.speech, today, 'the same challenge all day');
            await s.say('true');
            assert.match(s.lastTurn.speech, /Here's another challenge\./);
            assert.ok(!s.lastTurn.speech.includes(today.slice('Here\'s today\'s challenge. '.length)));
            clock.set('2026-12-20T10:00:00Z');
            await s.say('stop');
            await s.say('open space trivia');
            await s.say('daily challenge');
            assert.doesNotMatch(s.lastTurn.speech, /Here's today's challenge/, 'Amazon says NOT_ENTITLED now');
        });

        it('keeping it, and returning what the player does not have, are graceful', async () => {
            s.grant('star_club');
            await s.say('open space trivia');
            await s.say('cancel star club');
            await s.say('no');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'DECLINED');
            assert.match(skillSaid(s.lastTurn), /^Okay, you keep the Star Club\./);
            assertGraceful(s.lastTurn);
            await s.say('I want a refund for the galaxy pack');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'NOT_ENTITLED');
            assert.match(skillSaid(s.lastTurn), /^You don't have the Galaxy Pack, so there's nothing to return\./);
            assertGraceful(s.lastTurn);
        });

        it('bare "cancel" and "stop" say goodbye', async () => {
            await s.say('open space trivia');
            await s.say('cancel');
            assert.equal(s.lastTurn.speech, 'Thanks for playing Space Trivia. See you among the stars!');
            assert.equal(s.lastTurn.sessionOpen, false);
            assert.deepEqual(directives(s.lastTurn), []);
        });
    });

    describe('what can I buy, what did I buy', () => {
        it('lists what is for sale, and what the player has', async () => {
            await s.say('ask space trivia what can I buy');
            assert.equal(s.lastTurn.speech, 'You can get the Galaxy Pack, the Star Club and the Clue Pack. Which one would you like to hear more about?');
            assertGraceful(s.lastTurn);
            await s.say('what have I bought');
            assert.match(s.lastTurn.speech, /^You haven't bought anything yet\. You have 0 clues\./);
            assertGraceful(s.lastTurn);

            s.grant('galaxy_pack');
            s.grant('star_club');
            s.grant('clue_pack');
            await s.say('tell me what I can buy');
            assert.equal(s.lastTurn.speech, 'You can get the Clue Pack. Which one would you like to hear more about?');
            await s.say('what did I buy');
            assert.match(s.lastTurn.speech, /^You own the Galaxy Pack and the Star Club\. You have 5 clues\./);

            s.emulator.setPurchasable(s.emulator.productIdOf('clue_pack'), false);
            await s.say('what can I shop for');
            assert.match(s.lastTurn.speech, /^You already have everything Space Trivia offers\./);
            assert.deepEqual(directives(s.lastTurn), []);
            assertGraceful(s.lastTurn);
        });
    });

    describe('auf Deutsch', () => {
        beforeEach(() => s.setLocale('de-DE'));

        it('bietet das Galaxienpaket an und spielt danach gleich weiter', async () => {
            await s.say('öffne weltraum quiz');
            assert.match(s.lastTurn.speech, /^Willkommen bei Weltraum Quiz!/);
            await s.say('galaxienfragen');
            assert.match(directives(s.lastTurn)[0].payload.upsellMessage, /^Die Galaxienfragen gehören zum Galaxienpaket.*\?$/);
            await s.say('ja');
            assert.match(s.lastTurn.speech, /1,99\s€/);
            await s.say('ja');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'ACCEPTED');
            assert.match(skillSaid(s.lastTurn), /^Viel Spaß mit dem Galaxienpaket! Hier ist eine Galaxienfrage\. Wahr oder falsch: Die Milchstraße/);
            assertGraceful(s.lastTurn);
            await s.say('wahr');
            assert.match(s.lastTurn.speech, /^Richtig!/);
        });

        it('Laden, Käufe, Tipps und Rückgabe', async () => {
            await s.say('öffne weltraum quiz');
            await s.say('was kann ich kaufen');
            assert.equal(s.lastTurn.speech, 'Du kannst das Galaxienpaket, den Sternenclub und das Tipp-Paket bekommen. Worüber möchtest du mehr hören?');
            s.grant('star_club');
            s.grant('clue_pack');
            await s.say('was habe ich gekauft');
            assert.match(s.lastTurn.speech, /^Dir gehört der Sternenclub\. Du hast 5 Tipps\./);
            await s.say('benutze einen tipp');
            assert.match(s.lastTurn.speech, /Hier ist dein Tipp: .* Du hast noch 4 Tipps\./);
            await s.say('wie viele tipps habe ich');
            assert.match(s.lastTurn.speech, /^Du hast 4 Tipps\./);
            await s.say('ich möchte den sternenclub kaufen');
            assert.equal(s.lastTurn.speech, 'Der Sternenclub gehört dir schon. Sag tägliche Herausforderung, um sie zu spielen.');
            await s.say('gib das galaxienpaket zurück');
            assert.equal(s.lastTurn.purchase.purchaseResult, 'NOT_ENTITLED');
            assert.match(skillSaid(s.lastTurn), /^Das Galaxienpaket hast du nicht, also gibt es nichts zu erstatten\./);
            assertGraceful(s.lastTurn);
            await s.say('kaufe golden einhorn');
            assert.deepEqual(directives(s.lastTurn), []);
            assert.match(s.lastTurn.speech, /^Das kenne ich leider nicht\./);
            await s.say('abbrechen');
            assert.equal(s.lastTurn.sessionOpen, false);
        });
    });

    it('passes every certification rule, every purchase path driven in the simulator', async () => {
        const report = await certify({ project });
        const problems = report.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
        assert.deepEqual(problems.map((check) => `${check.id} ${check.locale ?? ''} ${check.product ?? ''}: ${check.evidence.filter((line) => line.startsWith('✗')).join(' ')}`), []);
        // Only the rules for locales without products and for child-directed skills do not apply.
        assert.deepEqual(report.checks.filter((check) => check.status === 'skipped').map((check) => check.id).sort(),
            ['kids.pending-approval', 'kids.voice-purchasing-off', 'locale.no-premium-without-isp']);
    });

    it('passes every static and model certification rule', async () => {
        const report = await certify({ project, only: ['catalog.', 'manifest.', 'kids.allowed-products', 'model.'] });
        const failures = report.checks.filter((check) => check.status !== 'pass');
        assert.deepEqual(failures, []);
        assert.equal(report.summary.fail, 0);
        assert.ok(report.summary.pass >= 40);
    });
});
