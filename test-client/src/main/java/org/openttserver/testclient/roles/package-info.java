/**
 * Conformance suites for the cluster roles (database, state server, DB-state server), over the
 * message director's TCP protocol, so they run against the embedded server or a real Astron; and
 * the suite of the Astron bridge ({@code org.openttserver.api.bridge}) against the same roles.
 */
package org.openttserver.testclient.roles;
