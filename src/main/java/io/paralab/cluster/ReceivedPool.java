package io.paralab.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.paralab.process.TaskShipping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A member's view of one pool of another member (the submitter): the class loader that fetches the
 * submitter's classes, defining each once, and the map functions unpacked so far, so a map's function is
 * unpacked once per member rather than once per item. Forgotten when the pool closes or its submitter leaves.
 */
final class ReceivedPool {

    private static final long CLASS_ANSWER_SECONDS = 60;
    private static final int FUNCTIONS_KEPT = 16;
    private static final Map<Key, ReceivedPool> POOLS = new ConcurrentHashMap<>();

    private record Key(UUID submitter, long poolId) {}

    private final ClassLoader loader;
    private final Map<Long, Object> functions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
            return size() > FUNCTIONS_KEPT;
        }
    };

    private ReceivedPool(HazelcastInstance member, UUID submitter, long poolId) {
        this.loader = TaskShipping.receivingLoader(className -> {
            Member target = null;
            for (Member m : member.getCluster().getMembers()) {
                if (m.getUuid().equals(submitter)) {
                    target = m;
                }
            }
            if (target == null) {
                throw new IllegalStateException("the member that submitted the task (" + submitter + ") left the cluster");
            }
            return member.getExecutorService(MemberConfig.CLASS_EXECUTOR)
                    .submitToMember(new ClassRequest(poolId, className), target)
                    .get(CLASS_ANSWER_SECONDS, TimeUnit.SECONDS);
        }, ClassLoader.getSystemClassLoader());
    }

    static ReceivedPool of(HazelcastInstance member, UUID submitter, long poolId) {
        return POOLS.computeIfAbsent(new Key(submitter, poolId), k -> new ReceivedPool(member, submitter, poolId));
    }

    /** Forgets a pool that was closed. */
    static void forget(UUID submitter, long poolId) {
        POOLS.remove(new Key(submitter, poolId));
    }

    /** Forgets every pool of a member that left. */
    static void forgetSubmitter(UUID submitter) {
        POOLS.keySet().removeIf(k -> k.submitter().equals(submitter));
    }

    ClassLoader loader() {
        return loader;
    }

    /**
     * The task or map function with this id, unpacked on the calling (task) thread; a map function or a stateless
     * task is kept, a one-off task is not (its id is negative). A kept one gets the cell variables packed with
     * it ({@code packed}, null when an earlier task of the batch carried them) set again before it is returned.
     */
    Object function(long id, byte[] packed) throws Exception {
        if (id < 0) {
            return TaskShipping.unpackTask(packed, loader);
        }
        Object kept;
        synchronized (functions) {
            kept = functions.get(id);
        }
        if (kept != null) {
            if (packed != null) {
                TaskShipping.applyCellValues(packed, loader);
            }
            return kept;
        }
        Object function = TaskShipping.unpackTask(packed, loader);
        synchronized (functions) {
            functions.put(id, function);
        }
        return function;
    }
}
