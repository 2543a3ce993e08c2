package io.hearth.client;

import io.hearth.client.connection.ConnectionListener;
import io.hearth.client.rpc.RpcClient;
import io.hearth.client.sync.TimelineSync;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.Reply;

/**
 * Routes the callbacks of connection attempt {@code id} to the supervisor, the RPC table, the sync and (notices) the
 * application's listener; every
 * callback is dropped once that attempt is no longer the current one. Called on the client's event loop.
 */
final class ConnectionEvents implements ConnectionListener {

    private final SessionSupervisor supervisor;
    private final int id;
    private final RpcClient rpc;
    private final TimelineSync sync;
    private final HearthListener listener;

    ConnectionEvents(SessionSupervisor supervisor, int id, RpcClient rpc, TimelineSync sync, HearthListener listener) {
        this.supervisor = supervisor;
        this.id = id;
        this.rpc = rpc;
        this.sync = sync;
        this.listener = listener;
    }

    @Override
    public void onSessionReady() {
        if (supervisor.isCurrent(id)) {
            supervisor.sessionReady(id);
        }
    }

    @Override
    public void onRefused(HearthException refusal) {
        if (supervisor.isCurrent(id)) {
            supervisor.attemptFailed(refusal);
        }
    }

    @Override
    public void onPush(MessagePush push) {
        if (supervisor.isCurrent(id)) {
            sync.onPush(push.getMessagesList(), push.getHead());
        }
    }

    @Override
    public void onNotice(Notice notice) {
        if (supervisor.isCurrent(id)) {
            listener.onNotice(notice);
        }
    }

    @Override
    public void onReply(long correlationId, Reply reply) {
        if (supervisor.isCurrent(id)) {
            rpc.complete(correlationId, reply);
        }
    }

    @Override
    public void onRequestRejected(long correlationId, int reasonCode) {
        if (supervisor.isCurrent(id)) {
            rpc.rejected(correlationId, reasonCode);
        }
    }

    @Override
    public void onKick(int code, String msg) {
        if (supervisor.isCurrent(id)) {
            supervisor.kicked(code, msg);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (supervisor.isCurrent(id)) {
            supervisor.lost(cause);
        }
    }
}
