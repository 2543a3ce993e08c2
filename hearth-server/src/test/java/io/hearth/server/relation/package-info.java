/** Tests of the relation services and the single-chat send check on a real H2 store with a manual clock. */
package io.hearth.server.relation;
