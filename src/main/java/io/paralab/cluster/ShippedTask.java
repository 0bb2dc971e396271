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
import java.util.function.Function;

/**
 * One pool task as it travels to a member: a class every member has, holding the task as opaque bytes.
 * Hazelcast deserializes only this wrapper (its fields are bytes, numbers and ids); the task itself is
 * unpacked in {@link #call()}, on the member's task executor thread, with the loader that asks the submitting
 * member for classes the member lacks — never on one of Hazelcast's operation threads, which must not wait.
 */
final class ShippedTask implements Callable<TaskOutcome>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** How the member applies the task. */
    enum Kind {
        /** A {@link Callable} or {@link Runnable}, no arguments. */
        CALL,
        /** A {@link Function} applied to each packed argument; the results come back as a list. */
        EACH
    }

    private UUID submitter;
    private long poolId;
    private long functionId;
    private Kind kind;
    private byte[] function;
    private byte[] arguments;
    private transient HazelcastInstance member;

    ShippedTask() {
    }

    ShippedTask(UUID submitter, long poolId, long functionId, Kind kind, byte[] function, byte[] arguments) {
        this.submitter = submitter;
        this.poolId = poolId;
        this.functionId = functionId;
        this.kind = kind;
        this.function = function;
        this.arguments = arguments;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TaskOutcome call() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        long start = System.nanoTime();
        try {
            ReceivedPool pool = ReceivedPool.of(member, submitter, poolId);
            thread.setContextClassLoader(pool.loader());
            Object task = pool.function(functionId, function);
            byte[] value;
            if (kind == Kind.EACH) {
                List<Object> items = TaskShipping.unpackValues(arguments, pool.loader());
                List<Object> results = new ArrayList<>(items.size());
                Function<Object, Object> f = (Function<Object, Object>) task;
                for (Object item : items) {
                    results.add(f.apply(item));
                }
                value = TaskShipping.packResults(results);
            } else if (task instanceof Callable<?> callable) {
                value = TaskShipping.packResults(Collections.singletonList(callable.call()));
            } else {
                ((Runnable) task).run();
                value = TaskShipping.packResults(Collections.singletonList(null));
            }
            return new TaskOutcome(false, value, start, System.nanoTime(), thread.getName());
        } catch (Throwable t) {
            return new TaskOutcome(true, TaskShipping.packThrowable(t), start, System.nanoTime(), thread.getName());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.SHIPPED_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(submitter.getMostSignificantBits());
        out.writeLong(submitter.getLeastSignificantBits());
        out.writeLong(poolId);
        out.writeLong(functionId);
        out.writeByte(kind.ordinal());
        out.writeByteArray(function);
        out.writeByteArray(arguments);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        submitter = new UUID(in.readLong(), in.readLong());
        poolId = in.readLong();
        functionId = in.readLong();
        kind = Kind.values()[in.readByte()];
        function = in.readByteArray();
        arguments = in.readByteArray();
    }
}
