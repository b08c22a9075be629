/** Dynamic rules (see isp-certification.md): implementations by rule id. */
import type { DynamicImplementation } from './define';

export const CONSUMABLE_LOCALE_KIDS_CHECKS: Readonly<Record<string, DynamicImplementation>> = {};
