/**
 * Conformance suites for the cluster roles (database, state server, DB-state server), over the
 * message director's TCP protocol, so they run against the embedded server or a real Astron.
 */
package org.openttserver.testclient.roles;
