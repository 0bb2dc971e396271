package io.paralab.kernel.protocol;

import com.google.gson.JsonElement;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.adapters.HistoryEntryAdapter;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

    /** The answer to {@code request} from {@code history}: its tail, a range, or a search. */
    public static HistoryAnswer of(HistoryRequest request, HistoryManager history) {
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries = switch (request) {
            case HistoryRequest.Tail tail -> history.lookupTail(tail.getMaxReturnLength(), flags);
            case HistoryRequest.Range range ->
                    history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
            case HistoryRequest.Search search -> {
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
            }
            default -> List.of();
        };
        return new HistoryAnswer(entries);
    }

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
