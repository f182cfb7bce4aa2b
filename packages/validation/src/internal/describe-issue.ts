import type { z } from 'zod';

/**
 * Describes what a configuration variable should have been, from the issue's
 * fields only, because zod messages can quote the received value.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return `expected at least ${String(issue.minimum)}${unitOf(issue.origin)}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}${unitOf(issue.origin)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `expected the ${issue.format} format`;
    case 'custom': {
      const expected = issue.params?.['expected'];
      return typeof expected === 'string' ? `expected ${expected}` : 'invalid value';
    }
    default:
      return 'invalid value';
  }
}

function unitOf(origin: string): string {
  switch (origin) {
    case 'string':
      return ' characters';
    case 'array':
    case 'set':
      return ' items';
    default:
      return '';
  }
}
