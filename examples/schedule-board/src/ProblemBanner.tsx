import { useEffect, useState } from 'react';
import type { Problem } from './problems.js';

/**
 * Shows a problem plainly. RATE_LIMITED counts down `extensions.retryAfter` seconds and then
 * calls `onRetry` by itself; FORBIDDEN says why in words; anything else shows its code.
 */
export function ProblemBanner({ problem, onRetry }: { problem: Problem; onRetry: () => void }) {
  switch (problem.kind) {
    case 'RATE_LIMITED':
      return <RateLimited seconds={problem.retryAfterSec} onRetry={onRetry} />;
    case 'FORBIDDEN':
      return (
        <div className="problem problem-forbidden" role="alert" data-code="FORBIDDEN">
          <strong>Access denied</strong> <code>FORBIDDEN</code>
          {problem.reason ? <code>{problem.reason}</code> : null} {problem.message}
        </div>
      );
    case 'UNAUTHENTICATED':
      return (
        <div className="problem" role="alert" data-code="UNAUTHENTICATED">
          Your session has ended. Sign in again.
        </div>
      );
    case 'OTHER':
      return (
        <div className="problem" role="alert" data-code={problem.code}>
          <code>{problem.code}</code> {problem.message}{' '}
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
  }
}

function RateLimited({ seconds, onRetry }: { seconds: number; onRetry: () => void }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    const started = Date.now();
    const timer = window.setInterval(() => {
      const remaining = seconds - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        window.clearInterval(timer);
        onRetry();
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [seconds, onRetry]);
  return (
    <div className="problem problem-rate-limited" role="alert" data-code="RATE_LIMITED">
      <strong>Genesys is rate limiting these requests</strong> <code>RATE_LIMITED</code> Retrying in{' '}
      <span className="countdown" data-testid="retry-countdown">
        {left}
      </span>{' '}
      s…
    </div>
  );
}
