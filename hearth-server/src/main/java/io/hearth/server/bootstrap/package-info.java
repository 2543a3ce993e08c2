/** Start-up: the command line ({@link io.hearth.server.bootstrap.Main}) and the composition root that wires a node. */
package io.hearth.server.bootstrap;
