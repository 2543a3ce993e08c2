/** Users: the record, its storage port and the directory that the server API and the hot path use. */
package io.hearth.server.user;
