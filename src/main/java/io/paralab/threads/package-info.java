/**
 * Thread helpers: start one thread per task and join them all with every failure reported
 * ({@link io.paralab.threads.Threads}, {@link io.paralab.threads.ThreadScope},
 * {@link io.paralab.threads.ThreadsFailedException}); named platform or virtual thread factories
 * ({@link io.paralab.threads.NamedThreadFactory}).
 *
 * <p>This package is also ParaLab's <b>hook package</b>: it holds the three small interfaces every other room
 * meets at, because every room already depends on it and it depends on none of them.
 * {@link io.paralab.threads.CancellationScope} lets whoever runs a piece of work (the kernel, for a cell) cancel
 * the threads, pools and child JVMs that work started; {@link io.paralab.threads.TaskObserver} lets a timeline
 * ({@code bench}) watch tasks of a pool ({@code process}, {@code cluster}); {@link io.paralab.threads.ProgressListener}
 * lets a progress display ({@code jupyter}) follow a map. A class that wants one of these hooks looks here.
 *
 * <pre>{@code
 * List<Callable<Integer>> downloads = IntStream.range(0, 50)
 *         .mapToObj(i -> (Callable<Integer>) () -> download(i))
 *         .toList();
 * List<Integer> sizes = Threads.runAll(downloads, ThreadKind.VIRTUAL, Duration.ofSeconds(10));
 * }</pre>
 */
package io.paralab.threads;
