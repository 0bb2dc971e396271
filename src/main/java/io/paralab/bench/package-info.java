/**
 * Measuring, the honest way: warm-up, interleaved repeats, median and spread, never a single number.
 *
 * <ul>
 *   <li>{@link io.paralab.bench.Bench} — where a measurement starts: {@code compare} times named variants of the
 *       same work against a baseline ({@link io.paralab.bench.CompareBenchmark}, giving a
 *       {@link io.paralab.bench.CompareResult}); {@code scaling} times the same work at several worker counts
 *       ({@link io.paralab.bench.ScalingBenchmark}, giving a {@link io.paralab.bench.ScalingResult}).</li>
 *   <li>{@link io.paralab.bench.BenchReport} — what a notebook shows for an outcome: an HTML table, a chart and
 *       text; the two results are {@link io.paralab.bench.BenchResult}s that also save to and load from JSON,
 *       and a {@link io.paralab.bench.Timeline} shows which worker ran which task when.</li>
 *   <li>{@link io.paralab.bench.PythonOriginal} and {@link io.paralab.bench.PythonServer} — the Python original
 *       of an example, run or served beside the Java version in the same run; {@link io.paralab.bench.PythonPeers}
 *       reads the Python peers' figures.</li>
 *   <li>{@link io.paralab.bench.CpuProbe} and {@link io.paralab.bench.Machine} — how much CPU this run actually
 *       got, and where it ran.</li>
 * </ul>
 *
 * <p>Charts are plain XChart charts; {@link io.paralab.bench.ChartImages} renders them as PNG or SVG.
 * Tables and durations are formatted by {@code io.paralab.format}.
 *
 * <pre>{@code
 * CompareResult r = Bench.compare("counter, 4 threads")
 *         .variant("synchronized", () -> countWithSynchronized())
 *         .variant("AtomicLong", () -> countWithAtomic())
 *         .run();
 * r.speedup("AtomicLong");
 * }</pre>
 */
package io.paralab.bench;
