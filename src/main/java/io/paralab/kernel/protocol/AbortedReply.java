package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * The {@code execute_reply} content {@code {"status": "aborted"}} of a request that was not run because an earlier
 * cell failed with {@code stop_on_error} (JJava's {@code ExecuteReply} knows only {@code ok} and {@code error}).
 *
 * <pre>{@code
 * env.reply(new AbortedReply());
 * }</pre>
 */
final class AbortedReply implements ContentType<AbortedReply>, ReplyType<ExecuteRequest> {

    @SuppressWarnings("unused")          // serialized by Gson
    private final String status = "aborted";

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageType<AbortedReply> getType() {
        return (MessageType) MessageType.EXECUTE_REPLY;
    }

    @Override
    public MessageType<ExecuteRequest> getRequestType() {
        return MessageType.EXECUTE_REQUEST;
    }
}
