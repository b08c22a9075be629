/** skill.json from skillshop.json. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildManifest, buildSettingsProblems } from '../../src/model/manifest';

describe('the skill manifest', () => {
  it('has a minimal manifest with the endpoint and one publishing locale per model', () => {
    const { manifest, problems } = buildManifest({
      settings: { endpoint: 'https://skill.example.com/webhook', manifest: { name: 'Cave Quest', examplePhrases: ['Alexa, open cave quest'], distributionCountries: ['US'], privacyPolicyUrl: 'https://example.com/p', locales: { 'de-DE': { name: 'Höhlenabenteuer', examplePhrases: ['Alexa, öffne höhlen abenteuer'] } } } },
      invocations: { 'en-US': 'cave quest', 'de-DE': 'höhlen abenteuer' },
      hasProducts: true,
      file: 'skillshop.json',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(manifest, { manifest: {
      manifestVersion: '1.0',
      publishingInformation: {
        locales: {
          'de-DE': { name: 'Höhlenabenteuer', examplePhrases: ['Alexa, öffne höhlen abenteuer'] },
          'en-US': { name: 'Cave Quest', examplePhrases: ['Alexa, open cave quest'] },
        },
        isAvailableWorldwide: false,
        distributionCountries: ['US'],
      },
      privacyAndCompliance: {
        allowsPurchases: true, usesPersonalInfo: false, isChildDirected: false, isExportCompliant: true, containsAds: false,
        locales: { 'de-DE': { privacyPolicyUrl: 'https://example.com/p' }, 'en-US': { privacyPolicyUrl: 'https://example.com/p' } },
      },
      apis: { custom: { endpoint: { uri: 'https://skill.example.com/webhook', sslCertificateType: 'Trusted' } } },
    } });
  });

  it('defaults the name to the invocation name, takes Lambda ARNs, merges the alexa fragment last', () => {
    const { manifest } = buildManifest({
      settings: { endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:cave-quest', manifest: { alexa: { apis: { custom: { interfaces: [] } }, permissions: [{ name: 'alexa::profile:name:read' }] } } },
      invocations: { 'en-US': 'cave quest' }, hasProducts: false, file: 'skillshop.json',
    });
    const m = manifest.manifest as { publishingInformation: { locales: Record<string, { name: string }> }; apis: unknown; permissions: unknown };
    assert.equal(m.publishingInformation.locales['en-US']?.name, 'Cave Quest');
    assert.deepEqual(m.apis, { custom: { endpoint: { uri: 'arn:aws:lambda:us-east-1:123456789012:function:cave-quest' }, interfaces: [] } });
    assert.deepEqual(m.permissions, [{ name: 'alexa::profile:name:read' }]);
  });

  it('warns about a missing endpoint, example phrases without the invocation name, unused locales', () => {
    const { problems } = buildManifest({
      settings: { manifest: { examplePhrases: ['Alexa, buy the caves'], locales: { 'it-IT': { name: 'Grotta' } } } },
      invocations: { 'en-US': 'cave quest' }, hasProducts: true, file: 'skillshop.json',
    });
    assert.deepEqual(problems.map((p) => `${p.severity} ${p.rule} ${p.path}`).sort(), [
      'warning manifest/endpoint-missing $',
      'warning manifest/example-phrase $.manifest.examplePhrases[0]',
      'warning manifest/locale-unused $.manifest.locales["it-IT"]',
    ]);
  });

  it('checks the settings: endpoint form, types, unknown manifest keys', () => {
    const rules = (settings: unknown) => buildSettingsProblems(settings, 'skillshop.json').map((p) => `${p.severity} ${p.rule} ${p.path}`).sort();
    assert.deepEqual(rules({ endpoint: 'https://a.example.com/x', skillId: 'amzn1.ask.skill.1', storage: {} }), []);
    assert.deepEqual(rules({ endpoint: 'http://a.example.com/x' }), ['error settings/endpoint $.endpoint']);
    assert.deepEqual(rules({ endpoint: 'my-function' }), ['error settings/endpoint $.endpoint']);
    assert.deepEqual(rules({ manifest: { name: 3, nmae: 'x' } }), ['error settings/wrong-type $.manifest.name', 'warning settings/unknown-field $.manifest.nmae']);
  });
});
