package io.paralab.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;

/** Sent to every member when a pool closes: drop its class loader and unpacked functions; answers when done. */
final class ForgetPool implements Callable<Boolean>, IdentifiedDataSerializable {

    private UUID submitter;
    private long poolId;

    ForgetPool() {
    }

    ForgetPool(UUID submitter, long poolId) {
        this.submitter = submitter;
        this.poolId = poolId;
    }

    @Override
    public Boolean call() {
        ReceivedPool.forget(submitter, poolId);
        return true;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.FORGET_POOL;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(submitter.getMostSignificantBits());
        out.writeLong(submitter.getLeastSignificantBits());
        out.writeLong(poolId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        submitter = new UUID(in.readLong(), in.readLong());
        poolId = in.readLong();
    }
}
