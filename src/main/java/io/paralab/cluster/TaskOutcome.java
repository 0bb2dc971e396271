package io.paralab.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;

/**
 * What a member sends back for one shipped task: its packed results or what it threw (see
 * {@link io.paralab.process.TaskShipping}), when it ran by the member's {@link System#nanoTime()}, and on
 * which of the member's task threads. The submitter decodes the payload with the task's class loader.
 */
final class TaskOutcome implements IdentifiedDataSerializable {

    boolean failed;
    byte[] payload;
    long startNanos;
    long endNanos;
    String thread;

    TaskOutcome() {
    }

    TaskOutcome(boolean failed, byte[] payload, long startNanos, long endNanos, String thread) {
        this.failed = failed;
        this.payload = payload;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.thread = thread;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.TASK_OUTCOME;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(failed);
        out.writeByteArray(payload);
        out.writeLong(startNanos);
        out.writeLong(endNanos);
        out.writeString(thread);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        failed = in.readBoolean();
        payload = in.readByteArray();
        startNanos = in.readLong();
        endNanos = in.readLong();
        thread = in.readString();
    }
}
