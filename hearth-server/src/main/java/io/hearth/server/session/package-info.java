/**
 * Client sessions: one per (user, client id), the kick rules of the reference applied when a token is issued, the
 * token check at CONNECT, and kickoff for the server API. Live connections are closed through
 * {@link io.hearth.server.session.Kicker}.
 */
package io.hearth.server.session;
