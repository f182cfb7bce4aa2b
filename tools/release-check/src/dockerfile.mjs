// Reads the parts of an app's Dockerfile that the checks compare against the
// deployed folder: the runtime stage's ENV, USER, EXPOSE, HEALTHCHECK and CMD.
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

/**
 * Parses an exec-form argument list such as `["node", "dist/main.js"]`.
 * Returns undefined for the shell form, which would put /bin/sh in front of Node.
 */
export function parseExecForm(text) {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  const argv = JSON.parse(trimmed);
  if (!Array.isArray(argv) || !argv.every((arg) => typeof arg === 'string')) return undefined;
  return argv;
}

/** Splits `KEY=value KEY2=value2` from one ENV instruction into pairs. */
function envPairs(instruction) {
  return instruction.getProperties().map((property) => [property.getName(), property.getValue() ?? '']);
}

/**
 * Reads a Dockerfile and returns its stages and the instructions of the last
 * (runtime) stage, each keyword mapped to its raw argument text.
 */
export function readDockerfile(file) {
  const text = readFileSync(file, 'utf8');
  const dockerfile = DockerfileParser.parse(text);
  const froms = dockerfile.getFROMs();
  const stages = froms.map((from) => from.getBuildStage());
  const runtimeStart = froms.at(-1)?.getRange().start.line ?? 0;
  const all = dockerfile.getInstructions().map((instruction) => ({
    keyword: instruction.getKeyword(),
    args: instruction.getArgumentsContent() ?? '',
    line: instruction.getRange().start.line,
    instruction,
  }));
  const runtime = all.filter((entry) => entry.line >= runtimeStart);
  const build = all.filter((entry) => entry.line < runtimeStart);

  const env = {};
  for (const entry of runtime.filter((item) => item.keyword === 'ENV')) {
    for (const [name, value] of envPairs(entry.instruction)) env[name] = value;
  }
  const last = (keyword) => runtime.filter((entry) => entry.keyword === keyword).at(-1);
  const healthcheck = last('HEALTHCHECK')?.args.replace(/^(--\S+\s+)*CMD\s+/s, '');

  return {
    text,
    stages,
    build,
    runtime,
    env,
    user: last('USER')?.args.trim(),
    expose: last('EXPOSE')?.args.trim(),
    cmd: last('CMD') ? parseExecForm(last('CMD').args) : undefined,
    cmdLine: last('CMD')?.line,
    userLine: last('USER')?.line,
    healthcheck: healthcheck === undefined ? undefined : parseExecForm(healthcheck),
  };
}
