package io.hearth.client.rpc;

import io.hearth.client.HearthException;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Reply;

/** Turns a {@link Reply} into success or a {@link HearthException}. */
public final class Replies {

    private Replies() {
    }

    /** The failure a reply stands for, or null when its code is 0 and it holds the expected result. */
    public static HearthException failure(Reply reply, Reply.ResultCase expected) {
        if (reply.getCode() != Status.SUCCESS.code()) {
            String msg = reply.getMsg().isEmpty() ? Status.of(reply.getCode()).message() : reply.getMsg();
            return new HearthException(reply.getCode(), msg);
        }
        if (reply.getResultCase() != expected) {
            return new HearthException(Status.INVALID_DATA, "reply holds " + reply.getResultCase() + ", not " + expected);
        }
        return null;
    }
}
