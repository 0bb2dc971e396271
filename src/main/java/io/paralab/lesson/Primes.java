package io.paralab.lesson;

/**
 * The guides' CPU-bound work: counting primes by trial division, as their {@code is_prime} does (try every
 * divisor up to √n). Deliberately slow — it is the work being measured — and the same bytecode whether a
 * thread of the notebook's JVM or a worker JVM runs it. Pure functions, safe from any thread; they do not
 * check for interrupts, so a cancelled count runs to its end.
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

    /**
     * Whether {@code n} is prime, by trial division.
     *
     * @param n any int; below 2 is not prime
     * @return true when {@code n} has no divisor from 2 to √n
     */
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

    /**
     * How many primes the range holds.
     *
     * @param range the numbers to test
     * @return how many of them are prime
     */
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
