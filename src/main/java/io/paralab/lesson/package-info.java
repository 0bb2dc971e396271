/**
 * What the notebooks share, so each holds only its lesson: {@link io.paralab.lesson.RunSize} (quick or full
 * sizes, chosen in a notebook's parameters cell), and the guides' prime-count work
 * ({@link io.paralab.lesson.Range}, {@link io.paralab.lesson.Primes}). Plain Java, usable in any program; the
 * CPU probe is {@link io.paralab.bench.CpuProbe}, the Python originals run through
 * {@link io.paralab.bench.PythonOriginal}, the local server's client is {@link io.paralab.web.Downloader}.
 *
 * <pre>{@code
 * RunSize SIZE = RunSize.fromEnvironment();
 * long primes = Range.split(SIZE.pick(200_000, 2_000_000), 8).stream().mapToLong(Primes::count).sum();
 * }</pre>
 */
package io.paralab.lesson;
