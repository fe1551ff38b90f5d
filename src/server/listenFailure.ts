/**
 * The message for a port that cannot be listened on, naming the variable that sets it, or null
 * when `error` is not such a failure (EADDRINUSE, EACCES).
 *
 * @param variable the variable that chose the port, e.g. `PORT` or `SIMULATOR_PORT`.
 */
export function listenFailureMessage(
  error: unknown,
  what: string,
  variable: string,
  port: number,
): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const other = port === 65_535 ? port - 1 : port + 1;
  if (code === 'EADDRINUSE')
    return `${what} cannot listen on port ${port}: another process uses it. Stop that process, or set ${variable} to a free port (for example ${variable}=${other}; 0 picks any free port).`;
  if (code === 'EACCES')
    return `${what} may not listen on port ${port} (ports below 1024 need privileges): set ${variable} to a port above 1023 (for example ${variable}=${other > 1023 ? other : 4000}).`;
  return null;
}
