/**
 * A scripted 2003 Toontown client ({@link org.openttserver.testclient.client.ScriptedClient}) that
 * sends and expects the message records of {@link org.openttserver.api.protocol}.
 */
package org.openttserver.testclient.client;
