// Checks every apps/*/Dockerfile against the deployment rules, since no
// container engine runs in CI: multi-stage, production dependencies from
// `pnpm deploy --prod`, NODE_ENV=production, a non-root user, a HEALTHCHECK on
// /healthz, and an exec-form CMD so SIGTERM reaches Node directly.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { readDockerfile } from './dockerfile.mjs';

const root = process.argv[2] ?? process.cwd();
const appsDir = join(root, 'apps');
const failures = [];
let checked = 0;

for (const app of readdirSync(appsDir)) {
  const file = join(appsDir, app, 'Dockerfile');
  if (!existsSync(file)) {
    failures.push(`apps/${app}: Dockerfile is missing`);
    continue;
  }
  checked += 1;
  const fail = (message) => failures.push(`apps/${app}/Dockerfile: ${message}`);
  const parsed = readDockerfile(file);

  for (const diagnostic of validate(parsed.text)) {
    fail(`line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
  }
  if (parsed.stages.length < 2) fail(`expected a build stage and a runtime stage, found ${parsed.stages.length} FROM`);

  const deploy = parsed.build.find(
    (entry) => entry.keyword === 'RUN' && /pnpm .*deploy --prod/.test(entry.args) && entry.args.includes(`@proj/${app}`),
  );
  if (!deploy) fail(`the build stage must run "pnpm --filter=@proj/${app} deploy --prod <dir>"`);
  const copiesDeploy = parsed.runtime.some(
    (entry) => entry.keyword === 'COPY' && entry.instruction.getFlags().some((flag) => flag.getName() === 'from'),
  );
  if (!copiesDeploy) fail('the runtime stage must COPY --from the build stage');
  const installsInRuntime = parsed.runtime.some(
    (entry) => entry.keyword === 'RUN' && /\b(npm|pnpm|yarn)\s+(install|i|add|ci)\b/.test(entry.args),
  );
  if (installsInRuntime) fail('the runtime stage must not install packages; it gets them from pnpm deploy --prod');

  if (parsed.env.NODE_ENV !== 'production') fail(`ENV NODE_ENV must be production, found ${parsed.env.NODE_ENV ?? 'nothing'}`);
  if (!parsed.user || /^(root|0)(:|$)/.test(parsed.user)) fail(`USER must name a non-root user, found ${parsed.user ?? 'nothing'}`);
  if (parsed.userLine !== undefined && parsed.cmdLine !== undefined && parsed.userLine > parsed.cmdLine) {
    fail('USER must come before CMD');
  }
  if (!parsed.healthcheck) fail('HEALTHCHECK must use the exec form');
  else if (!parsed.healthcheck.join(' ').includes('/healthz')) fail('HEALTHCHECK must probe /healthz');
  if (JSON.stringify(parsed.cmd) !== JSON.stringify(['node', 'dist/main.js'])) {
    fail('CMD must be exactly ["node", "dist/main.js"] so Node is PID 1 and receives SIGTERM');
  }
  if (parsed.runtime.some((entry) => entry.keyword === 'ENTRYPOINT')) fail('ENTRYPOINT would wrap Node; use CMD alone');
  if (parsed.expose !== parsed.env.PORT) fail(`EXPOSE ${parsed.expose} does not match ENV PORT=${parsed.env.PORT}`);
}

if (checked === 0) failures.push('no apps/*/Dockerfile found');
for (const failure of failures) console.error(`FAIL ${failure}`);
console.log(`dockerfiles: ${checked} checked, ${failures.length} problems`);
process.exit(failures.length === 0 ? 0 : 1);
