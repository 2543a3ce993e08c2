/**
 * Small building blocks used by several features: the status exception, the field checker of the request edge
 * and the blocking executor.
 */
package io.hearth.server.common;
