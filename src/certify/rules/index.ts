/** The rule registry, in report order: static, model, dynamic. Ids are stable (isp-certification.md). */
import type { Rule } from '../types';
import { DYNAMIC_RULES } from './dynamic/index';
import { MODEL_RULES } from './model';
import { STATIC_RULES } from './static';

export const RULES: readonly Rule[] = [...STATIC_RULES, ...MODEL_RULES, ...DYNAMIC_RULES];
