package org.openttserver.runtime.clientagent;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The "address" the front door's per-address limits count by: an IPv4 address itself (an
 * IPv4-mapped IPv6 address as that IPv4 address), an IPv6 address as its /64 network, because
 * one host or home gets a whole /64 and could otherwise take a fresh address per connection.
 */
final class AddressGroup {
  private AddressGroup() {}

  /** {@return the group of an address; null stays null (no address known)} */
  static InetAddress of(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] b = address.getAddress();
    if (isV4Mapped(b)) {
      try {
        return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      } catch (UnknownHostException e) {
        return address; // four bytes are always a valid IPv4 address
      }
    }
    if (address.isLoopbackAddress()) {
      return address;
    }
    byte[] network = new byte[16];
    System.arraycopy(b, 0, network, 0, 8);
    try {
      return Inet6Address.getByAddress(network);
    } catch (UnknownHostException e) {
      return address; // sixteen bytes are always a valid IPv6 address
    }
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }
}
