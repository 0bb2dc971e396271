package io.paralab.cluster;

/** A member's address as {@code host:port}, checked. */
record HostPort(String host, int port) {

    /**
     * @throws IllegalArgumentException naming the address when it is not {@code host:port} with a port in 1..65535
     */
    static HostPort parse(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("a member address must be host:port, got " + address);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a member address must be host:port, got " + address);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range in " + address);
        }
        return new HostPort(address.substring(0, colon), port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
