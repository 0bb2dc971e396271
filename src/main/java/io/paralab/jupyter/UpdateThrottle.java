package io.paralab.jupyter;

import java.util.ArrayDeque;

/**
 * Decides which display updates to send so that there are never more than {@code maxPerSecond} in any
 * one-second window, while the final update always goes out. Intermediate updates are spaced at least
 * {@code 1 s / maxPerSecond} apart and at most {@code maxPerSecond - 1} fall in any second, which keeps room
 * for the final one. Times are {@link System#nanoTime()}-style readings passed in by the caller, so tests
 * drive it with a fake clock. Not thread-safe: the owner synchronizes.
 */
final class UpdateThrottle {

    private static final long SECOND = 1_000_000_000L;

    private final int maxPerSecond;
    private final long minGapNanos;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    /**
     * @param maxPerSecond at most this many updates in any second, final update included; at least 2
     */
    UpdateThrottle(int maxPerSecond) {
        if (maxPerSecond < 2) {
            throw new IllegalArgumentException("maxPerSecond must be at least 2 (one is kept for the final update), got "
                    + maxPerSecond);
        }
        this.maxPerSecond = maxPerSecond;
        this.minGapNanos = SECOND / maxPerSecond;
    }

    /** Whether an intermediate update may be sent at {@code now}; if so, it is counted as sent. */
    boolean tryAcquire(long now) {
        forgetOlderThanASecond(now);
        if (!recent.isEmpty() && now - recent.peekLast() < minGapNanos) {
            return false;
        }
        if (recent.size() >= maxPerSecond - 1) {
            return false;
        }
        recent.addLast(now);
        return true;
    }

    /** Counts the final update, which is always sent. */
    void acquireFinal(long now) {
        forgetOlderThanASecond(now);
        recent.addLast(now);
    }

    private void forgetOlderThanASecond(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() >= SECOND) {
            recent.removeFirst();
        }
    }
}
