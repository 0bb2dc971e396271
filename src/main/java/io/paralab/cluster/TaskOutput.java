package io.paralab.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * What a pool task printed on a member, sent to the member that submitted the task and run there on its class
 * executor: the pool prints it for the thread that submitted the task ({@link ClusterPool#printFor}) and the
 * call returns once it is printed, so the member sends the task's result only after its output.
 */
final class TaskOutput implements Callable<Boolean>, IdentifiedDataSerializable {

    private long poolId;
    private long taskId;
    private byte[] bytes;

    TaskOutput() {
    }

    TaskOutput(long poolId, long taskId, byte[] bytes) {
        this.poolId = poolId;
        this.taskId = taskId;
        this.bytes = bytes;
    }

    /** Prints the bytes; true once printed. */
    @Override
    public Boolean call() {
        ClusterPool.printFor(poolId, taskId, bytes);
        return Boolean.TRUE;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.TASK_OUTPUT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(poolId);
        out.writeLong(taskId);
        out.writeByteArray(bytes);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        poolId = in.readLong();
        taskId = in.readLong();
        bytes = in.readByteArray();
    }
}
