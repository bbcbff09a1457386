/**
 * Services plugins offer one another ({@link org.openttserver.api.service.Services}) and the
 * service interfaces of the built-in plugins.
 *
 * @since 0.2
 */
package org.openttserver.api.service;
