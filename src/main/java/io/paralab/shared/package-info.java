/**
 * Memory shared between processes: named regions of memory-mapped files in a private directory
 * ({@link io.paralab.shared.SharedDirectory}, owner-only), opened by name in a child JVM.
 *
 * <ul>
 *   <li>{@link io.paralab.shared.SharedLong} and {@link io.paralab.shared.SharedLongArray}: lock-free atomic
 *       longs ({@code get}, {@code set}, {@code getAndAdd}, {@code compareAndSet}) through {@code VarHandle}s;</li>
 *   <li>{@link io.paralab.shared.SharedLock}: mutual exclusion across processes, released when its holder
 *       process dies;</li>
 *   <li>{@link io.paralab.shared.SharedQueue} and {@link io.paralab.shared.SharedByteQueue}: bounded
 *       multi-producer multi-consumer queues of longs and of byte messages.</li>
 * </ul>
 *
 * <p>The creator's {@code close()} removes the name; opening a missing name, creating a name that exists,
 * opening a region as the wrong type, or a full disk is a {@link io.paralab.shared.SharedMemoryException}
 * that names the region and the directory.
 *
 * <p>A parent creates a counter, four child JVMs add to it, the parent reads the exact total:
 * <pre>{@code
 * // Parent.java
 * try (SharedLong hits = SharedLong.create("hits")) {
 *     List<Process> children = new ArrayList<>();
 *     for (int i = 0; i < 4; i++) {
 *         children.add(new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
 *                 "-cp", System.getProperty("java.class.path"), "Child", "hits").inheritIO().start());
 *     }
 *     for (Process child : children) child.waitFor();
 *     System.out.println(hits.get());                  // 400000
 * }
 *
 * // Child.java
 * public static void main(String[] args) {
 *     try (SharedLong hits = SharedLong.open(args[0])) {
 *         for (int i = 0; i < 100_000; i++) hits.incrementAndGet();
 *     }
 * }
 * }</pre>
 * A parent that sets the system property {@value io.paralab.shared.SharedDirectory#PROPERTY} passes it to its
 * children as well.
 */
package io.paralab.shared;
