import { EventLoopLag } from '../src/event-loop-lag';

// The lag monitor with a clock of the test's own: how late a tick came, and how long the next is overdue.

function withClock() {
  let t = 1_000;
  const lag = new EventLoopLag(100, () => t);
  return { lag, advance: (ms: number) => (t += ms) };
}

it('says 0 while every tick comes on time', () => {
  const { lag, advance } = withClock();
  lag.start();
  lag.stop();
  for (let i = 0; i < 5; i += 1) {
    advance(100);
    lag.tick();
    expect(lag.nowMs).toBe(0);
  }
});

it('keeps a late tick in view for a second, then says what the ticks since say', () => {
  const { lag, advance } = withClock();
  lag.start();
  lag.stop();
  advance(100 + 1_400);
  lag.tick();
  expect(lag.nowMs).toBe(1_400);
  for (let i = 0; i < 9; i += 1) {
    advance(100);
    lag.tick();
    expect(lag.nowMs).toBe(1_400);
  }
  advance(100);
  lag.tick();
  advance(100);
  lag.tick();
  expect(lag.nowMs).toBe(0);
});

it('takes a later tick that came later still', () => {
  const { lag, advance } = withClock();
  lag.start();
  lag.stop();
  advance(100 + 300);
  lag.tick();
  advance(100 + 700);
  lag.tick();
  expect(lag.nowMs).toBe(700);
});

it('says how long the next tick is overdue before it has run (a stalled process reads its sockets first)', () => {
  const { lag, advance } = withClock();
  lag.start();
  lag.stop();
  advance(100 + 2_000);
  expect(lag.nowMs).toBe(2_000);
});
