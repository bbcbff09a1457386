/**
 * A message-director participant link ({@link org.openttserver.testclient.md.MdConnection}),
 * datagram views and builders, and {@link
 * org.openttserver.testclient.md.MessageDirectorConformanceTest}, the routing suite any
 * participant-facing message director must pass (checked against Astron's).
 */
package org.openttserver.testclient.md;
