package io.paralab.lesson;

/**
 * The guides' CPU-bound work: counting primes by trial division, as their {@code is_prime} does (try every
 * divisor up to √n). Deliberately slow — it is the work being measured — and the same bytecode whether a
 * thread of the notebook's JVM or a worker JVM runs it.
 *
 * <pre>{@code
 * Primes.isPrime(97);                          // true
 * Primes.count(new Range(0, 100));             // 25
 * pool.map(r -> Primes.count(r), Range.split(2_000_000, 8));
 * }</pre>
 */
public final class Primes {

    private Primes() {
    }

    /** Whether {@code n} is prime, by trial division. */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** How many primes the range holds. */
    public static long count(Range range) {
        long count = 0;
        for (int n = range.lo(); n < range.hi(); n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }
}
