package io.paralab.cluster;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Creates ParaLab's objects that travel between members — a batch of shipped tasks, its outcome, a class request, an
 * update of a cluster long, a task's output — from their ids, so Hazelcast writes them field by field instead of through
 * Java serialization. Every member registers it (see {@link MemberConfig}).
 */
final class ClusterSerialization implements DataSerializableFactory {

    static final int FACTORY_ID = 0x5041_524C;   // "PARL"
    static final int SHIPPED_BATCH = 1;
    static final int BATCH_OUTCOME = 2;
    static final int CLASS_REQUEST = 3;
    static final int FORGET_POOL = 4;
    static final int LONG_UPDATE = 5;
    static final int TASK_OUTPUT = 6;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case SHIPPED_BATCH -> new ShippedBatch();
            case BATCH_OUTCOME -> new BatchOutcome();
            case CLASS_REQUEST -> new ClassRequest();
            case FORGET_POOL -> new ForgetPool();
            case LONG_UPDATE -> new LongUpdate();
            case TASK_OUTPUT -> new TaskOutput();
            default -> throw new IllegalArgumentException("unknown ParaLab cluster type " + typeId);
        };
    }
}
