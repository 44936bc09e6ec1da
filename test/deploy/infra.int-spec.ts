import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { engines } from '@county/testing';

const infra = path.join(__dirname, '..', '..', 'deploy', 'local', 'infra.sh');
const run = (cmd: string) => execFileSync('bash', [infra, cmd], { encoding: 'utf8', timeout: 120_000 });

const local = engines().mode === 'local';
(local ? describe : describe.skip)('deploy/local', () => {
  it('notices engines that already run and says so, starting nothing twice', () => {
    const out = run('up');
    expect(out).toMatch(/postgres: already running on 127\.0\.0\.1:5432/);
    expect(out).toMatch(/kafka: already running on 127\.0\.0\.1:9092/);
    expect(out).toMatch(/temporal: already running on 127\.0\.0\.1:7233/);
  });

  it('reports each engine with its port, version and log file', () => {
    const out = run('status');
    expect(out).toMatch(/^postgres\s+up\s+127\.0\.0\.1:5432\s+15\.\d+\s+\S+postgres\.log$/m);
    expect(out).toMatch(/^kafka\s+up\s+127\.0\.0\.1:9092\s+3\.9\.\d+ \(KRaft\)\s+\S+kafka\.log$/m);
    expect(out).toMatch(/^temporal\s+up\s+127\.0\.0\.1:7233\s+cli v1\.5\.1\s+\S+temporal\.log$/m);
    expect(out).toMatch(/^test-server\s+installed/m);
  });
});
