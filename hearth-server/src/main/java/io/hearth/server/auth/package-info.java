/** Client tokens: the claims and the HMAC-signed codec. Which sessions a token may open is decided in {@code session}. */
package io.hearth.server.auth;
