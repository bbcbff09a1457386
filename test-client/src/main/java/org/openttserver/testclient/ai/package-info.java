/** A stand-in AI for tests: districts and objects created as an AI creates them. */
package org.openttserver.testclient.ai;
