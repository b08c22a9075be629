import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCertificateUrl } from '../../../src/hosting/verify/cert-url';
import { isSkillshopError } from '../../../src/errors';

const valid = [
  'https://s3.amazonaws.com/echo.api/echo-api-cert.pem',
  'HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem',
  'https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem',
  'https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem',
  'https://s3.amazonaws.com/echo.api/./echo-api-cert.pem',
];

const invalid: Array<[url: string, rule: RegExp]> = [
  ['http://s3.amazonaws.com/echo.api/echo-api-cert.pem', /scheme must be https/],
  ['https://notamazon.com/echo.api/echo-api-cert.pem', /host must be s3\.amazonaws\.com/],
  ['https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem', /path must start with \/echo\.api\//],
  ['https://s3.amazonaws.com/invalid.path/echo-api-cert.pem', /path must start with/],
  ['https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem', /port must be 443.*563/],
  ['https://s3.amazonaws.com/echo.api/../other/echo-api-cert.pem', /resolves to "\/other\/echo-api-cert\.pem"/],
  ['https://s3.amazonaws.com/echo.api/%2e%2e/other/echo-api-cert.pem', /path must start with/],
  ['https://s3.amazonaws.com.evil.com/echo.api/echo-api-cert.pem', /host must be/],
  ['https://s3.amazonaws.com/echo.apix/echo-api-cert.pem', /path must start with/],
  ['ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem', /scheme must be https/],
  ['/echo.api/echo-api-cert.pem', /not an absolute URL/],
  ['', /not an absolute URL/],
];

for (const url of valid) {
  test(`accepts ${url}`, () => {
    assert.doesNotThrow(() => checkCertificateUrl(url));
  });
}

for (const [url, rule] of invalid) {
  test(`rejects ${url || '(empty)'}`, () => {
    assert.throws(
      () => checkCertificateUrl(url),
      (error) => isSkillshopError(error, 'CERT_URL_INVALID') && rule.test(error.message) && error.statusCode === 400,
    );
  });
}
