package io.paralab.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * One atomic update of a {@link ClusterLong}'s map entry, run by the entry's owner member on the partition's
 * thread: no other update of that entry runs in between. A missing entry counts as 0.
 */
final class LongUpdate implements EntryProcessor<String, Long, Long>, IdentifiedDataSerializable {

    /** What the update does; its result is the value named. */
    enum Operation {
        /** Adds {@code a}; returns the new value. */
        ADD_AND_GET,
        /** Adds {@code a}; returns the old value. */
        GET_AND_ADD,
        /** Sets {@code b} if the value is {@code a}; returns 1 if it did, else 0. */
        COMPARE_AND_SET
    }

    private Operation operation;
    private long a;
    private long b;

    LongUpdate() {
    }

    LongUpdate(Operation operation, long a, long b) {
        this.operation = operation;
        this.a = a;
        this.b = b;
    }

    @Override
    public Long process(Map.Entry<String, Long> entry) {
        long old = entry.getValue() == null ? 0 : entry.getValue();
        return switch (operation) {
            case ADD_AND_GET -> {
                entry.setValue(old + a);
                yield old + a;
            }
            case GET_AND_ADD -> {
                entry.setValue(old + a);
                yield old;
            }
            case COMPARE_AND_SET -> {
                if (old != a) {
                    yield 0L;
                }
                entry.setValue(b);
                yield 1L;
            }
        };
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.LONG_UPDATE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(operation.ordinal());
        out.writeLong(a);
        out.writeLong(b);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        operation = Operation.values()[in.readByte()];
        a = in.readLong();
        b = in.readLong();
    }
}
