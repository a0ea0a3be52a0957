// Whether a problem stops the rules from deciding: population files are assumptions, not
// rules, so their errors do not stop the fixtures.
import type { Problem } from '../../../engine/core/source-file.js';

export const blocksRules = (p: Problem): boolean => p.location.file.startsWith('rules/') && !p.location.file.startsWith('rules/population/');
