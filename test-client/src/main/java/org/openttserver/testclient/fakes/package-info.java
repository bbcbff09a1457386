/** Fakes of the server's interfaces for unit tests of plugin code. */
package org.openttserver.testclient.fakes;
