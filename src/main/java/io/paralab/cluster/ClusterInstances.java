package io.paralab.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Finds this JVM's Hazelcast instance of a cluster by the cluster's name. The primitives hold only names, so
 * a task that captured one (say a {@link ClusterLong}) finds, on the member that runs it, that member's own
 * instance — and in the notebook's JVM, its {@link ClusterConnection}.
 */
final class ClusterInstances {

    private ClusterInstances() {
    }

    /**
     * @throws IllegalStateException when this JVM is in no running member of that cluster
     */
    static HazelcastInstance of(String clusterName) {
        HazelcastInstance lite = null;
        for (HazelcastInstance instance : Hazelcast.getAllHazelcastInstances()) {
            if (instance.getConfig().getClusterName().equals(clusterName) && instance.getLifecycleService().isRunning()) {
                if (!instance.getConfig().isLiteMember()) {
                    return instance;
                }
                lite = instance;
            }
        }
        if (lite == null) {
            throw new IllegalStateException("this JVM (pid " + ProcessHandle.current().pid() + ") is not in cluster "
                    + clusterName + ": use cluster objects in the JVM that joined it (ClusterConnection) or in its pool's tasks");
        }
        return lite;
    }
}
