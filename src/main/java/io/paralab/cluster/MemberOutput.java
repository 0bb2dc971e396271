package io.paralab.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A data member's {@code System.out}: what a pool task prints — on its thread or on a thread it started — goes
 * to the member that submitted the task ({@link TaskOutput}), a flush at a time ({@code println} flushes) and
 * the rest when the task ends, each send returning once the submitter printed it; everything else, and output
 * whose submitter cannot be reached, goes to the member's own output. Nothing printed is dropped.
 *
 * <pre>{@code
 * MemberOutput.install();                                              // once, when the member starts
 * try (MemberOutput.Route route = MemberOutput.route(member, submitter, poolId, taskId)) {
 *     task.run();                                                      // its System.out goes to the submitter
 * }
 * }</pre>
 */
final class MemberOutput extends OutputStream {

    private static final long SEND_SECONDS = 10;
    private static final InheritableThreadLocal<Route> ROUTE = new InheritableThreadLocal<>();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static volatile PrintStream own = System.out;

    private MemberOutput() {
    }

    /** Makes {@code System.out} route task output; the member's own output stays the stream it was. */
    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            own = System.out;
            System.setOut(new PrintStream(new MemberOutput(), true));
        }
    }

    /** Routes what the calling thread (and threads it starts) prints to the task's submitter, until closed. */
    static Route route(HazelcastInstance member, UUID submitter, long poolId, long taskId) {
        Route route = new Route(member, submitter, poolId, taskId);
        ROUTE.set(route);
        return route;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Route route = ROUTE.get();
        if (route == null || !route.add(b, off, len)) {
            own.write(b, off, len);
        }
    }

    @Override
    public void flush() {
        Route route = ROUTE.get();
        if (route != null) {
            route.send();
        }
        own.flush();
    }

    /** One task's output on its way to the submitter; closing sends what is left and ends the routing. */
    static final class Route implements AutoCloseable {
        private final HazelcastInstance member;
        private final UUID submitter;
        private final long poolId;
        private final long taskId;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean open = true;

        private Route(HazelcastInstance member, UUID submitter, long poolId, long taskId) {
            this.member = member;
            this.submitter = submitter;
            this.poolId = poolId;
            this.taskId = taskId;
        }

        private synchronized boolean add(byte[] b, int off, int len) {
            if (open) {
                buffer.write(b, off, len);
            }
            return open;
        }

        private void send() {
            byte[] bytes;
            synchronized (this) {
                bytes = buffer.toByteArray();
                buffer.reset();
            }
            deliver(bytes);
        }

        /** Sends what is left; later output of threads the task started goes to the member's own output. */
        @Override
        public void close() {
            byte[] rest;
            synchronized (this) {
                if (!open) {
                    return;
                }
                open = false;
                rest = buffer.toByteArray();
                buffer.reset();
            }
            if (ROUTE.get() == this) {
                ROUTE.remove();
            }
            deliver(rest);
        }

        private void deliver(byte[] bytes) {
            if (bytes.length == 0) {
                return;
            }
            Member target = null;
            for (Member m : member.getCluster().getMembers()) {
                if (m.getUuid().equals(submitter) && !m.localMember()) {
                    target = m;
                }
            }
            if (target != null) {
                try {
                    member.getExecutorService(MemberConfig.CLASS_EXECUTOR)
                            .submitToMember(new TaskOutput(poolId, taskId, bytes), target).get(SEND_SECONDS, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    // the submitter is gone or stuck: the output stays here
                }
            }
            own.write(bytes, 0, bytes.length);
            own.flush();
        }
    }
}
