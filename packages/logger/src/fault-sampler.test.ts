import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { OTHER_FAULTS, createFaultSampler } from './fault-sampler.js';
import { createSink } from './ndjson-sink.test-support.js';

function setup(options: { firstN?: number; intervalMs?: number; maxKeys?: number } = {}) {
  const sink = createSink();
  const logger = createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream });
  const sampler = createFaultSampler({ logger, intervalMs: 60_000, ...options });
  // What a server does for each invalid message.
  const report = (code: string): void => {
    if (sampler.shouldLog(code)) logger.info({ code }, 'invalid message');
  };
  return { sink, sampler, report };
}

describe('createFaultSampler', () => {
  it('logs the first occurrences and then one summary with the count', () => {
    const { sink, sampler, report } = setup({ firstN: 3 });
    for (let index = 0; index < 1_000; index += 1) report('ERR_VALIDATION_INVALID_JSON');
    sampler.stop();
    const lines = sink.lines();
    expect(lines.filter((line) => line['msg'] === 'invalid message')).toHaveLength(3);
    const summaries = lines.filter((line) => line['msg'] === 'client faults suppressed');
    expect(summaries).toEqual([expect.objectContaining({ code: 'ERR_VALIDATION_INVALID_JSON', suppressed: 997, total: 1_000, level: 'warn' })]);
  });

  it('counts each code separately', () => {
    const { sink, sampler, report } = setup({ firstN: 1 });
    for (let index = 0; index < 5; index += 1) report('ERR_A');
    for (let index = 0; index < 2; index += 1) report('ERR_B');
    sampler.flushSummaries();
    const summaries = sink.lines().filter((line) => line['msg'] === 'client faults suppressed');
    expect(summaries.map((line) => [line['code'], line['suppressed']])).toEqual([
      ['ERR_A', 4],
      ['ERR_B', 1],
    ]);
    sampler.stop();
  });

  it('starts a new interval after each summary', () => {
    const { sink, sampler, report } = setup({ firstN: 2 });
    for (let index = 0; index < 5; index += 1) report('ERR_A');
    sampler.flushSummaries();
    for (let index = 0; index < 5; index += 1) report('ERR_A');
    sampler.stop();
    expect(sink.lines().filter((line) => line['msg'] === 'invalid message')).toHaveLength(4);
    expect(sink.lines().filter((line) => line['msg'] === 'client faults suppressed')).toHaveLength(2);
  });

  it('writes no summary when nothing was suppressed', () => {
    const { sink, sampler, report } = setup({ firstN: 3 });
    report('ERR_A');
    sampler.stop();
    expect(sink.lines().map((line) => line['msg'])).toEqual(['invalid message']);
  });

  it('counts codes beyond maxKeys under other', () => {
    const { sink, sampler, report } = setup({ firstN: 1, maxKeys: 2 });
    for (let index = 0; index < 50; index += 1) report(`ERR_CODE_${index}`);
    sampler.stop();
    const lines = sink.lines();
    expect(lines.filter((line) => line['msg'] === 'invalid message')).toHaveLength(2);
    expect(lines.find((line) => line['code'] === OTHER_FAULTS)).toMatchObject({ suppressed: 48, total: 48 });
  });

  it('writes summaries on its own timer', async () => {
    const { sink, sampler, report } = setup({ firstN: 1, intervalMs: 20 });
    report('ERR_A');
    report('ERR_A');
    await new Promise((resolve) => setTimeout(resolve, 200));
    sampler.stop();
    expect(sink.lines().find((line) => line['msg'] === 'client faults suppressed')).toMatchObject({ code: 'ERR_A', suppressed: 1 });
  });

  it('rejects a zero interval', () => {
    const sink = createSink();
    const logger = createLogger({ service: 'probe', errorLogFile: false, destination: sink.stream });
    expect(() => createFaultSampler({ logger, intervalMs: 0 })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });
});
