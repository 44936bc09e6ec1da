export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __countyContainers?: { stop(): Promise<unknown> }[] }).__countyContainers ?? [];
  for (const c of started) await c.stop();
}
