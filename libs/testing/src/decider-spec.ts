import { DomainError, fold, type Decider, type DomainErrorKind, type ErrorCode } from '@county/contracts';

/**
 * Given / when / then for a decider, the one helper every decider test uses:
 *
 *   const given = deciderSpec(dispatchCase);
 *   given(dispatched).when(approveTransfer).then([transferApproved, redispatched]);
 *   given().when(approveTransfer).thenRefused('CASE.NOT_FOUND', 'not-found');
 *
 * `fold` reads the given events as the service reads a stream (with its upcasts); the decider's
 * own evolve from its initial state otherwise.
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>, options: { fold?: (events: readonly E[]) => S } = {}) {
  const read = options.fold ?? ((events: readonly E[]) => fold(decider, events));
  return (...events: readonly E[]) => {
    const state = read(events);
    return {
      /** The state the given events fold to. */
      state,
      when: (command: C) => ({
        /** What the decider decides (it throws when it refuses). */
        decided: (): readonly E[] => decider.decide(command, state),
        then: (expected: readonly E[]) => expect(decider.decide(command, state)).toEqual(expected),
        /** The refusal, for a test that looks at more than its code. */
        refusal: (): DomainError => refusalOf(() => decider.decide(command, state)),
        thenRefused: (code: ErrorCode, kind?: DomainErrorKind) => {
          let error: unknown;
          try {
            decider.decide(command, state);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          if (kind) expect((error as DomainError).kind).toBe(kind);
        },
      }),
    };
  };
}

/** The DomainError a call throws; any other error is thrown on, and no error at all fails the test. */
export function refusalOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('the command was not refused');
}
