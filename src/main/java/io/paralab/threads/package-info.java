/**
 * Thread helpers: start one thread per task and join them all with every failure reported
 * ({@link io.paralab.threads.Threads}, {@link io.paralab.threads.ThreadScope},
 * {@link io.paralab.threads.ThreadsFailedException}); named platform or virtual thread factories
 * ({@link io.paralab.threads.NamedThreadFactory}); and the hooks shared with the rest of ParaLab:
 * {@link io.paralab.threads.CancellationScope} (a notebook cell's interrupt cancels what it started),
 * {@link io.paralab.threads.TaskObserver} (timelines) and {@link io.paralab.threads.ProgressListener}.
 *
 * <pre>{@code
 * List<Callable<Integer>> downloads = IntStream.range(0, 50)
 *         .mapToObj(i -> (Callable<Integer>) () -> download(i))
 *         .toList();
 * List<Integer> sizes = Threads.runAll(downloads, ThreadKind.VIRTUAL, Duration.ofSeconds(10));
 * }</pre>
 */
package io.paralab.threads;
