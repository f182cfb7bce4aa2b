import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageErrorCode } from './message/protocol.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

// Every code the package throws; the Record type fails to compile when a
// MessageErrorCode is added without being listed here.
const producedCodes: Readonly<Record<MessageErrorCode | 'ERR_CONFIG_INVALID', true>> = {
  ERR_VALIDATION_BINARY_UNSUPPORTED: true,
  ERR_VALIDATION_INVALID_UTF8: true,
  ERR_PAYLOAD_TOO_LARGE: true,
  ERR_VALIDATION_TOO_DEEP: true,
  ERR_VALIDATION_INVALID_JSON: true,
  ERR_VALIDATION_FORBIDDEN_KEY: true,
  ERR_VALIDATION_UNKNOWN_TYPE: true,
  ERR_VALIDATION_SCHEMA: true,
  ERR_CONFIG_INVALID: true,
};

describe('README', () => {
  it('documents exactly the error codes the package produces', () => {
    const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('## Cost per message'));
    const documented = [...section.matchAll(/^\| `(ERR_[A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(producedCodes).sort());
  });

  it('ends with a Caveats section', () => {
    expect(readme.lastIndexOf('\n## ')).toBe(readme.indexOf('\n## Caveats'));
  });
});
