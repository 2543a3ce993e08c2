/** Small building blocks used by several features: the status exception and the blocking executor. */
package io.hearth.server.common;
