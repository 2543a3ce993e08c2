package io.hearth.client.connection;

import io.hearth.client.HearthException;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.Reply;

/**
 * What one connection reports to the client. Called on the connection's event loop, in packet order. After
 * {@link #onRefused} or {@link #onKick} the connection closes and {@link #onClosed} follows.
 */
public interface ConnectionListener {

    /** CONNACK accepted and the push subscription granted: requests may flow, the timeline should be synced. */
    void onSessionReady();

    /** CONNACK refused; the code is the Hearth status (6 token error, 7 kicked off, 4 server error ...). */
    void onRefused(HearthException refusal);

    /** A {@code MessagePush} on {@code u/<uid>/push/message}. */
    void onPush(MessagePush push);

    /** A {@code Notice} on {@code u/<uid>/push/notice}: something of the user's changed; pull it by version. */
    void onNotice(Notice notice);

    /** A {@code Reply} on the response topic, with the request's correlation id. */
    void onReply(long correlationId, Reply reply);

    /** The PUBACK of a request carried a failure reason code (0x80 or above). */
    void onRequestRejected(long correlationId, int reasonCode);

    /** A {@code KickPush}, or DISCONNECT 0x8E (session taken over) / 0x98 (administrative action). */
    void onKick(int code, String msg);

    /**
     * The channel closed; {@code cause} says why (a {@link java.nio.channels.ClosedChannelException} if nobody said,
     * a {@link ServerRedirect} when the server asked the client to use another server).
     */
    void onClosed(Throwable cause);
}
