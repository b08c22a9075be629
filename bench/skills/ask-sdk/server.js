'use strict';
// The skill with the ASK SDK v2 (ask-sdk-core), served by ask-sdk-express-adapter on Express, as
// Amazon's samples write it. The product lookup goes through the SDK's Monetization service client.
//
// Verification (BENCH_VERIFY=1): the adapter's SkillRequestSignatureVerifier and TimestampVerifier.
// The signature verifier downloads the chain from Amazon's bucket on first use, checks it against
// Node's bundled roots and caches the PEM per URL; here its cache is primed with the runner's test
// chain, which is exactly its state after a first download. Every request then does what it always
// does: parse the cached PEM and check the RSA-SHA256 signature over the body.

const { readFileSync } = require('node:fs');
const Alexa = require('ask-sdk-core');
const { ExpressAdapter, SkillRequestSignatureVerifier } = require('ask-sdk-express-adapter');
const express = require('express');
const { SKILL, settings } = require('../common.js');

const config = settings();

const LaunchRequestHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest';
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak(SKILL.welcome).reprompt(SKILL.reprompt).getResponse();
  },
};

const BuyHandler = {
  canHandle(handlerInput) {
    return (
      Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest' &&
      Alexa.getIntentName(handlerInput.requestEnvelope) === 'BuySkillItemIntent'
    );
  },
  async handle(handlerInput) {
    const slot = Alexa.getSlot(handlerInput.requestEnvelope, 'ProductName');
    const resolution = slot && slot.resolutions && slot.resolutions.resolutionsPerAuthority && slot.resolutions.resolutionsPerAuthority[0];
    const referenceName = resolution && resolution.status.code === 'ER_SUCCESS_MATCH' ? resolution.values[0].value.id : undefined;
    const locale = Alexa.getLocale(handlerInput.requestEnvelope);
    const monetization = handlerInput.serviceClientFactory.getMonetizationServiceClient();
    const result = await monetization.getInSkillProducts(locale);
    const product = result.inSkillProducts.find((candidate) => candidate.referenceName === referenceName);
    if (!product) return handlerInput.responseBuilder.speak(SKILL.unknownProduct).withShouldEndSession(true).getResponse();
    if (product.entitled === 'ENTITLED') return handlerInput.responseBuilder.speak(SKILL.owned).withShouldEndSession(true).getResponse();
    return handlerInput.responseBuilder
      .addDirective({
        type: 'Connections.SendRequest',
        name: 'Buy',
        payload: { InSkillProduct: { productId: product.productId } },
        token: 'correlationToken',
      })
      .getResponse();
  },
};

const BuyResponseHandler = {
  canHandle(handlerInput) {
    const request = handlerInput.requestEnvelope.request;
    return request.type === 'Connections.Response' && (request.name === 'Buy' || request.name === 'Upsell');
  },
  handle(handlerInput) {
    const accepted = handlerInput.requestEnvelope.request.payload.purchaseResult === 'ACCEPTED';
    return handlerInput.responseBuilder.speak(accepted ? SKILL.accepted : SKILL.declined).withShouldEndSession(true).getResponse();
  },
};

const skill = Alexa.SkillBuilders.custom()
  .addRequestHandlers(LaunchRequestHandler, BuyHandler, BuyResponseHandler)
  .withApiClient(new Alexa.DefaultApiClient())
  .create();

const verifiers = [];
if (config.verify) {
  const signatureVerifier = new SkillRequestSignatureVerifier();
  signatureVerifier.certCache.set(config.certUrl, readFileSync(config.chainFile, 'utf8'));
  verifiers.push(signatureVerifier);
}
const adapter = new ExpressAdapter(skill, false, config.verify, verifiers);

const app = express();
app.post(config.path, adapter.getRequestHandlers());
app.listen(config.port, config.host);
