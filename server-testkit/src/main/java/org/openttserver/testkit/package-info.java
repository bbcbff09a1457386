/**
 * The plugin test kit: {@link org.openttserver.testkit.TestServer} starts an embedded server with
 * the plugin under test on free ports and hands out scripted 2003 clients.
 */
package org.openttserver.testkit;
