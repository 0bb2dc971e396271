package io.paralab.kernel.protocol;

import com.google.gson.JsonElement;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.adapters.HistoryEntryAdapter;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

import java.util.List;

/**
 * The {@code history_reply} content as the protocol wants it: {@code status: ok} and entries as
 * {@code [session, line, input]} or {@code [session, line, [input, output]]} tuples (JJava's own reply lacks the
 * status and its message serializer does not apply the tuple format).
 */
public final class HistoryAnswer implements ContentType<HistoryAnswer>, ReplyType<HistoryRequest> {

    @SuppressWarnings("unused")          // serialized by Gson
    private final String status = "ok";
    @SuppressWarnings("unused")
    private final List<JsonElement> history;

    public HistoryAnswer(List<HistoryEntry> entries) {
        this.history = entries.stream().map(e -> HistoryEntryAdapter.INSTANCE.serialize(e, HistoryEntry.class, null))
                .toList();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageType<HistoryAnswer> getType() {
        return (MessageType) MessageType.HISTORY_REPLY;
    }

    @Override
    public MessageType<HistoryRequest> getRequestType() {
        return MessageType.HISTORY_REQUEST;
    }
}
