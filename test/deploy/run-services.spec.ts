// The port scheme and options of `npm start` (scripts/run-services.js), without starting anything.
const { parseArgs, plan } = require('../../scripts/run-services.js') as {
  parseArgs(argv: string[], env: NodeJS.ProcessEnv): { instances: number; portBase: number; services: string[] };
  plan(opts: { instances: number; portBase: number; services: string[] }): { label: string; port: number; service: string; instance: number }[];
};
import { DEFAULT_PORTS } from '@county/service-kit';

describe('npm start options', () => {
  it('starts one instance of each service on its default port', () => {
    const procs = plan(parseArgs([], {}));
    expect(Object.fromEntries(procs.map((p) => [p.label, p.port]))).toEqual(DEFAULT_PORTS);
  });

  it('gives instance i of a service its default port plus 100 * i', () => {
    const procs = plan(parseArgs(['--instances', '2'], {}));
    expect(procs.map((p) => `${p.label}:${p.port}`)).toEqual([
      'intake#1:3001', 'dispatch#1:3002', 'handling#1:3003', 'evaluation#1:3004', 'case-worker#1:3005',
      'intake#2:3101', 'dispatch#2:3102', 'handling#2:3103', 'evaluation#2:3104', 'case-worker#2:3105',
    ]);
  });

  it('reads the same settings from the environment, and a port base and a subset of services', () => {
    const procs = plan(parseArgs(['--port-base=4200'], { COUNTY_INSTANCES: '3', COUNTY_SERVICES: 'intake,dispatch' }));
    expect(procs.map((p) => `${p.label}:${p.port}`)).toEqual(['intake#1:4201', 'dispatch#1:4202', 'intake#2:4301', 'dispatch#2:4302', 'intake#3:4401', 'dispatch#3:4402']);
  });

  it('refuses what it cannot do, naming the option', () => {
    expect(() => parseArgs(['--instances', '0'], {})).toThrow(/--instances/);
    expect(() => parseArgs(['--instances', 'two'], {})).toThrow(/--instances/);
    expect(() => parseArgs(['--services', 'intake,billing'], {})).toThrow(/billing/);
    expect(() => parseArgs(['--replicas', '2'], {})).toThrow(/unknown option --replicas/);
    expect(() => parseArgs(['--port-base', '65531'], {})).toThrow(/--port-base/);
  });
});

const { niceOf, atPriority } = require('../../scripts/priority.js') as {
  niceOf(service: string, env: NodeJS.ProcessEnv): number;
  atPriority(service: string, command: string, args: string[], env: NodeJS.ProcessEnv): { command: string; args: string[] };
};

describe('the services\' priority on one machine', () => {
  it('runs intake and the console first and the pipeline behind them at nice 10, or as COUNTY_PIPELINE_NICE says', () => {
    const at = (env: NodeJS.ProcessEnv) => Object.fromEntries(['intake', 'console', 'dispatch', 'handling', 'evaluation', 'case-worker'].map((s) => [s, niceOf(s, env)]));
    expect(at({})).toEqual({ intake: 0, console: 0, dispatch: 10, handling: 10, evaluation: 10, 'case-worker': 10 });
    expect(at({ COUNTY_PIPELINE_NICE: '' })).toEqual(at({}));
    expect(at({ COUNTY_PIPELINE_NICE: '0' })).toEqual({ intake: 0, console: 0, dispatch: 0, handling: 0, evaluation: 0, 'case-worker': 0 });
    expect(niceOf('case-worker', { COUNTY_PIPELINE_NICE: '19' })).toBe(19);
  });

  it('starts a pipeline service through nice(1) and the front door as it is', () => {
    expect(atPriority('dispatch', '/usr/bin/node', ['main.ts'], {})).toEqual({ command: 'nice', args: ['-n', '10', '/usr/bin/node', 'main.ts'] });
    expect(atPriority('intake', '/usr/bin/node', ['main.ts'], {})).toEqual({ command: '/usr/bin/node', args: ['main.ts'] });
    expect(atPriority('dispatch', '/usr/bin/node', ['main.ts'], { COUNTY_PIPELINE_NICE: '0' })).toEqual({ command: '/usr/bin/node', args: ['main.ts'] });
  });

  it('refuses a nice value the system would not take, naming the setting', () => {
    for (const bad of ['-1', '20', 'low', '2.5']) expect(() => niceOf('dispatch', { COUNTY_PIPELINE_NICE: bad })).toThrow(/COUNTY_PIPELINE_NICE/);
  });
});
