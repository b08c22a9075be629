/** `skillshop certify`: what Amazon's certification checks in a skill that sells, run offline. */
export { certify, exitCode, selectRules, type CertifyOptions } from './certify';
export { formatHtml, formatJson, formatTerminal, summaryLine } from './format';
export { findPrice } from './price';
export { findErrorPhrase } from './error-phrases';
export { RULES } from './rules';
export type { CertifyReport, Check, CheckStatus, Rule, RuleKind, Finding, CertifyContext } from './types';
