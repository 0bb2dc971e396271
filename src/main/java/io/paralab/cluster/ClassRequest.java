package io.paralab.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.paralab.process.TaskShipping;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A member's request for the bytes of a class it lacks, sent to the member that submitted the task and run
 * there on its class executor: the pool's {@link TaskShipping} answers with the bytes (and a notebook cell's
 * variables) or with the reason it has none.
 */
final class ClassRequest implements Callable<TaskShipping.ClassReply>, IdentifiedDataSerializable {

    private long poolId;
    private String className;

    ClassRequest() {
    }

    ClassRequest(long poolId, String className) {
        this.poolId = poolId;
        this.className = className;
    }

    @Override
    public TaskShipping.ClassReply call() {
        TaskShipping shipping = ClusterPool.shippingOf(poolId);
        if (shipping == null) {
            return new TaskShipping.ClassReply(null, "its pool is closed");
        }
        return shipping.answer(className);
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.CLASS_REQUEST;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(poolId);
        out.writeString(className);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        poolId = in.readLong();
        className = in.readString();
    }
}
