package io.paralab.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.paralab.process.TaskShipping;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * Pool tasks as they travel to a member, one or several at a time (tiny tasks travel in batches, so
 * Hazelcast's cost per call is paid once for many): a class every member has, holding each task as opaque
 * bytes. Hazelcast deserializes only this wrapper (bytes, numbers and ids); the tasks themselves are unpacked
 * in {@link #call()}, on the member's task executor thread, with the loader that asks the submitting member
 * for classes the member lacks — never on one of Hazelcast's operation threads, which must not wait.
 */
final class ShippedBatch implements Callable<BatchOutcome>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** How the member applies a task. */
    enum Kind {
        /** A {@link Callable} or {@link Runnable}, no arguments. */
        CALL,
        /** A {@link Function} applied to each packed argument; the results come back as a list. */
        EACH
    }

    /**
     * One task: its id in its pool, its function's id (negative for a task unpacked anew each time), the packed
     * function (null when an earlier item of the same map in the batch carries it) and its packed arguments (for
     * {@link Kind#EACH}).
     */
    record Task(long taskId, long functionId, Kind kind, byte[] function, byte[] arguments) {}

    private UUID submitter;
    private long poolId;
    private List<Task> tasks;
    private transient HazelcastInstance member;

    ShippedBatch() {
    }

    ShippedBatch(UUID submitter, long poolId, List<Task> tasks) {
        this.submitter = submitter;
        this.poolId = poolId;
        this.tasks = tasks;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public BatchOutcome call() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        BatchOutcome outcome = new BatchOutcome(tasks.size(), thread.getName());
        try {
            ReceivedPool pool = ReceivedPool.of(member, submitter, poolId);
            thread.setContextClassLoader(pool.loader());
            for (int i = 0; i < tasks.size(); i++) {
                long start = System.nanoTime();
                try (MemberOutput.Route route = MemberOutput.route(member, submitter, poolId, tasks.get(i).taskId())) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("the batch was cancelled");
                    }
                    byte[] results = run(pool, tasks.get(i));
                    route.close();     // what it printed goes out before its result
                    outcome.done(i, results, start, System.nanoTime());
                } catch (Throwable t) {
                    outcome.failed(i, TaskShipping.packThrowable(t), start, System.nanoTime());
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        return outcome;
    }

    @SuppressWarnings("unchecked")
    private static byte[] run(ReceivedPool pool, Task task) throws Exception {
        Object function = pool.function(task.functionId(), task.function());
        if (task.kind() == Kind.EACH) {
            List<Object> items = TaskShipping.unpackValues(task.arguments(), pool.loader());
            List<Object> results = new ArrayList<>(items.size());
            Function<Object, Object> f = (Function<Object, Object>) function;
            for (Object item : items) {
                results.add(f.apply(item));
            }
            return TaskShipping.packResults(results);
        }
        if (function instanceof Callable<?> callable) {
            return TaskShipping.packResults(Collections.singletonList(callable.call()));
        }
        ((Runnable) function).run();
        return TaskShipping.packResults(Collections.singletonList(null));
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.SHIPPED_BATCH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(submitter.getMostSignificantBits());
        out.writeLong(submitter.getLeastSignificantBits());
        out.writeLong(poolId);
        out.writeInt(tasks.size());
        for (Task task : tasks) {
            out.writeLong(task.taskId());
            out.writeLong(task.functionId());
            out.writeByte(task.kind().ordinal());
            out.writeByteArray(task.function());
            out.writeByteArray(task.arguments());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        submitter = new UUID(in.readLong(), in.readLong());
        poolId = in.readLong();
        int count = in.readInt();
        tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(new Task(in.readLong(), in.readLong(), Kind.values()[in.readByte()], in.readByteArray(), in.readByteArray()));
        }
    }
}
