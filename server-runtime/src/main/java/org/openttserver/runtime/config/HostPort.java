package org.openttserver.runtime.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** Parses {@code host:port} values of the configuration. */
public final class HostPort {
  private HostPort() {}

  /**
   * Parses an address.
   *
   * @param value {@code host:port}, {@code host} (default port) or {@code :port} (all addresses)
   * @param defaultPort the port when none is given
   * @param file the configuration file, for messages
   * @param key the key, for messages
   * @return an unresolved-if-needed socket address
   * @throws ConfigException naming the key when the value is not an address
   */
  public static InetSocketAddress parse(String value, int defaultPort, Path file, String key) {
    String v = value.trim();
    String host = v;
    int port = defaultPort;
    int colon = v.lastIndexOf(':');
    if (colon >= 0 && v.indexOf(']') < colon) {
      host = v.substring(0, colon);
      try {
        port = Integer.parseInt(v.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (port < 0 || port > 65535 || (host.isEmpty() && colon < 0)) {
      throw new ConfigException(file + ": key '" + key + "': expected host:port (e.g. 127.0.0.1:"
          + defaultPort + "), got '" + value + "'");
    }
    host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /**
   * Tells whether a failure to listen was an address already in use (the only case where
   * "choose a free port" is the right advice).
   *
   * @param e what binding threw
   * @return whether a {@link java.net.BindException} is among its causes
   */
  public static boolean isAddressInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }
}
