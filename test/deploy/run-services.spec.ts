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
