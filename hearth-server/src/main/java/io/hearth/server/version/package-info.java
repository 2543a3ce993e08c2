/** {@code GET /api/version}: build information and the live node ids. */
package io.hearth.server.version;
