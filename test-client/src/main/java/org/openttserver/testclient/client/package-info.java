/**
 * A scripted 2003 Toontown client ({@link org.openttserver.testclient.client.ScriptedClient}),
 * builders for every message the client sends ({@link
 * org.openttserver.testclient.client.ClientRequests}) and parsers for the server's replies
 * ({@link org.openttserver.testclient.client.ServerReplies}).
 */
package org.openttserver.testclient.client;
