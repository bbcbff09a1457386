/**
 * Test tools that talk to OpenTTServer, or to Astron, over TCP exactly as real peers do: the
 * shared u16-length framing ({@link org.openttserver.testclient.FramedSocket}), a message-director
 * participant and its conformance suite ({@link org.openttserver.testclient.md}), and a scripted
 * 2003 client ({@link org.openttserver.testclient.client}).
 */
package org.openttserver.testclient;
