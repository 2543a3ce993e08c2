package io.hearth.server.message;

import io.hearth.server.event.OutboxRow;
import java.util.List;

/**
 * The outbox rows a batch of new messages produces (the webhooks of sent messages), written by the message writer
 * in the batch's own transaction: a message is committed if and only if its rows are. Called on the writer's
 * thread, once per transaction attempt; must be quick and must not touch the database.
 */
public interface CommitEvents {

    /** No outbox rows (no webhook configured). */
    CommitEvents NONE = written -> List.of();

    /** The rows for these newly stored messages (seqs known), in order. */
    List<OutboxRow> rows(List<StoredMessage> written);
}
