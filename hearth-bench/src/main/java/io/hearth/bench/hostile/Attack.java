package io.hearth.bench.hostile;

/**
 * One attacker. {@link #run()} is called on a thread of its own when the attack phase begins and may block for its
 * setup (then returns, leaving its traffic running on the event loops); {@link #status()} is a one-line account of
 * what the attacker did and saw, read by the reporter at any time; {@link #close()} ends the attack.
 */
interface Attack extends AutoCloseable {

    /** The name used in {@code --attack} and in the table. */
    String name();

    void run() throws Exception;

    String status();

    @Override
    void close();
}
