/**
 * Loaded into the gateway child (`node --import tsx --import bench/lib/probe.ts src/main.ts`):
 * answers the bench runner's IPC questions about this process — CPU time and memory — so the
 * gateway itself runs unchanged. Does nothing when there is no IPC channel.
 */
const send = process.send?.bind(process);
if (send) {
  process.on('message', (message: unknown) => {
    // Each answer carries its question's id: a sampler's answers still on their way must not be
    // taken for the answer to a later question (the live heap after GC).
    const { type, id } = (message as { type?: string; id?: number } | null) ?? {};
    if (type === 'usage') {
      send({ type: 'usage', id, cpu: process.cpuUsage(), memory: process.memoryUsage() });
    } else if (type === 'usage-after-gc') {
      // Only with --expose-gc (the bench starts the gateway with it): the live heap. Two full
      // collections a moment apart, so lazily swept pages are not counted as live.
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      setTimeout(() => {
        gc?.();
        send({ type: 'usage', id, cpu: process.cpuUsage(), memory: process.memoryUsage() });
      }, 200);
    }
  });
  // The IPC channel must not keep the gateway alive, nor stop it from exiting on a signal.
  process.channel?.unref();
}
