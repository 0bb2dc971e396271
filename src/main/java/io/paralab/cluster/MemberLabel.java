package io.paralab.cluster;

import com.hazelcast.cluster.Member;

/** How messages and timelines name a member: {@code "member-2 (pid 4242) at 127.0.0.1:5702"}. */
final class MemberLabel {

    private MemberLabel() {
    }

    static String of(Member member) {
        return name(member) + " (pid " + pid(member) + ") at " + member.getAddress().getHost() + ":"
                + member.getAddress().getPort();
    }

    /** The member's name, e.g. {@code "member-2"}; its address when it did not say. */
    static String name(Member member) {
        String name = member.getAttribute(MemberConfig.NAME);
        return name != null ? name : member.getAddress().toString();
    }

    /** The member's process id on its machine, or -1 when it did not say. */
    static long pid(Member member) {
        String pid = member.getAttribute(MemberConfig.PID);
        try {
            return pid == null ? -1 : Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
