/**
 * Child JVMs and the process pool: Python's {@code multiprocessing}, the Java way.
 *
 * <ul>
 *   <li>{@link io.paralab.process.JvmProcess} — one child JVM running one serializable task or a main
 *       class, with its result or remote exception, pid, output and a duplex {@link io.paralab.process.Pipe}.</li>
 *   <li>{@link io.paralab.process.ProcessPool} — warm worker JVMs behind an
 *       {@link java.util.concurrent.ExecutorService}, with {@code map}, as-completed streams, chunks,
 *       timeouts, retries, progress and threads per worker.</li>
 *   <li>{@link io.paralab.process.AbstractTaskPool} — what every pool of other JVMs shares ({@code ProcessPool}
 *       and the cluster pool): the {@code ExecutorService} methods for serializable tasks, {@code map}, chunks,
 *       progress and cancellation with the notebook cell, with {@link io.paralab.process.PoolFuture}s; a pool
 *       only makes and sends its tasks. {@link io.paralab.process.OutputRelay} prints what a task printed
 *       elsewhere under the cell that submitted it.</li>
 * </ul>
 *
 * <p>How it works, file by file: {@code ChildJvm} starts a child ({@code java … WorkerMain}, its class path
 * in {@code CLASSPATH}) whose stdin/stdout pipes carry {@code Message} frames through a {@code FrameChannel}; {@code WorkerMain} and
 * {@code ChildWorker} run tasks in the child, turning its {@code System.out} into frames;
 * {@code RemoteClassLoader} asks the parent's {@code ClassServer} for classes the child lacks (a notebook
 * cell's classes; {@code ClassBytes} finds their bytes also where a kernel keeps them only in memory);
 * {@code CellReads} finds the cell variables a task's code reads and {@code CellValues} sends their values
 * as they are at submit, only when they changed for that worker, and sets them in the child before the
 * task runs; {@code ValueCodec} encodes values,
 * results and exceptions; {@code SerializationProbe} names what cannot be serialized at submit;
 * {@code PoolScheduler} decides which worker runs which task and what a death means;
 * {@code WorkerArchive} keeps a class-data archive so children start faster (an AOT cache on JDK 25+, which
 * {@code AotCacheAssembly} assembles from a child's training run; a dynamic CDS archive before).
 *
 * <pre>{@code
 * record Point(int x, int y) implements java.io.Serializable {}
 * try (var pool = ProcessPool.of(2)) {
 *     List<Integer> r = pool.map(p -> p.x() * p.y(), List.of(new Point(2, 3), new Point(4, 5)));
 * }
 * }</pre>
 */
package io.paralab.process;
