package io.paralab.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;

/**
 * What a member sends back for a {@link ShippedBatch}: for each task its packed results or what it threw (see
 * {@link io.paralab.process.TaskShipping}) and when it ran by the member's {@link System#nanoTime()}, and the
 * member's task thread that ran them. The submitter decodes each payload with its task's class loader.
 */
final class BatchOutcome implements IdentifiedDataSerializable {

    boolean[] failed;
    byte[][] payloads;
    long[] startNanos;
    long[] endNanos;
    String thread;

    BatchOutcome() {
    }

    BatchOutcome(int tasks, String thread) {
        this.failed = new boolean[tasks];
        this.payloads = new byte[tasks][];
        this.startNanos = new long[tasks];
        this.endNanos = new long[tasks];
        this.thread = thread;
    }

    void done(int task, byte[] results, long start, long end) {
        payloads[task] = results;
        startNanos[task] = start;
        endNanos[task] = end;
    }

    void failed(int task, byte[] throwable, long start, long end) {
        failed[task] = true;
        done(task, throwable, start, end);
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.BATCH_OUTCOME;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(failed.length);
        for (int i = 0; i < failed.length; i++) {
            out.writeBoolean(failed[i]);
            out.writeByteArray(payloads[i]);
            out.writeLong(startNanos[i]);
            out.writeLong(endNanos[i]);
        }
        out.writeString(thread);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int tasks = in.readInt();
        failed = new boolean[tasks];
        payloads = new byte[tasks][];
        startNanos = new long[tasks];
        endNanos = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            failed[i] = in.readBoolean();
            payloads[i] = in.readByteArray();
            startNanos[i] = in.readLong();
            endNanos[i] = in.readLong();
        }
        thread = in.readString();
    }
}
