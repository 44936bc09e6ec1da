/**
 * Whether an error says that an engine is away for a moment (a PostgreSQL, Kafka or Temporal
 * restart, a connection cut) rather than that the message or command itself is wrong. A
 * transient error is retried without limit (with back-off); only the others count towards
 * parking a message on a dead-letter topic. An HTTP request that meets one is answered 503 with
 * Retry-After (libs/service-kit errors.filter.ts), not 500.
 */
export function isTransient(err: unknown): boolean {
  // TypeORM's QueryFailedError keeps the driver's error as driverError; others chain by cause
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // PostgreSQL: connection exceptions (08), shutdown and recovery (57P01-57P03),
      // too many connections (53300), serialization failures and deadlocks (40001, 40P01)
      if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '40001', '40P01'].includes(code)) return true;
      if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN', 'EAI_AGAIN'].includes(code)) return true;
    }
    // gRPC (Temporal): UNAVAILABLE (14), DEADLINE_EXCEEDED (4), RESOURCE_EXHAUSTED (8)
    if (typeof code === 'number' && [4, 8, 14].includes(code)) return true;
    const message = String((e as { message?: unknown }).message ?? '');
    if (/Connection terminated|terminating connection|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery)|Connection (closed|refused)|socket hang up/i.test(message)) return true;
    const name = String((e as { name?: unknown }).name ?? '');
    // kafkajs marks its own retriable errors; a lost broker connection is one of them
    if (/^KafkaJS(Connection|ConnectionClosed|RequestTimeout|NumberOfRetriesExceeded|BrokerNotFound|LockTimeout)Error$/.test(name)) return true;
    if ((e as { retriable?: unknown }).retriable === true && name.startsWith('KafkaJS')) return true;
    if (name === 'ServiceError' && /UNAVAILABLE|DEADLINE_EXCEEDED/.test(message)) return true;
  }
  return false;
}
