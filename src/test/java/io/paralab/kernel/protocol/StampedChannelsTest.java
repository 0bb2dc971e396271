package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The date stamp: UTC with exactly six fraction digits; everything else in the message stays as it was. */
class StampedChannelsTest {

    @Test
    void stampReplacesOnlyTheDateWithMicrosecondUtc() {
        Header<PublishStream> parent = new Header<>("parent-id", "user", "session", new KernelTimestamp("then"),
                MessageType.PUBLISH_STREAM, "5.3");
        Header<PublishStream> header = new Header<>("own-id", "user", "session",
                new KernelTimestamp("2026-11-22T05:14+0000"), MessageType.PUBLISH_STREAM, "5.3");
        PublishStream content = new PublishStream(PublishStream.StreamType.OUT, "x");
        List<byte[]> identities = List.of(new byte[]{1});
        Map<String, Object> metadata = Map.of("k", "v");
        Message<PublishStream> message = new Message<>(identities, header, parent, metadata, content, null);

        Message<PublishStream> stamped =
                StampedChannels.stamped(message, Instant.parse("2026-11-22T05:14:13.123456789Z"));

        assertEquals("2026-11-22T05:14:13.123456Z", stamped.getHeader().getTimestamp().getDateString());
        assertEquals("own-id", stamped.getHeader().getId());
        assertSame(MessageType.PUBLISH_STREAM, stamped.getHeader().getType());
        assertEquals("session", stamped.getHeader().getSessionId());
        assertSame(parent, stamped.getParentHeader());
        assertSame(identities, stamped.getIdentities());
        assertSame(metadata, stamped.getMetadata());
        assertSame(content, stamped.getContent());
    }

    @Test
    void wholeSecondsKeepSixFractionDigits() {
        Message<PublishStream> message = new Message<>(null, MessageType.PUBLISH_STREAM,
                new PublishStream(PublishStream.StreamType.OUT, "x"));
        assertEquals("2026-01-02T03:04:05.000000Z",
                StampedChannels.stamped(message, Instant.parse("2026-01-02T03:04:05Z")).getHeader().getTimestamp()
                        .getDateString());
    }
}
