package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressGroupTest {
  @Test
  void of_whenTwoAddressesOfOneIpv6Slash64_thenOneGroup() throws Exception {
    InetAddress a = AddressGroup.of(InetAddress.getByName("2001:db8:1:2::1"));
    InetAddress b = AddressGroup.of(InetAddress.getByName("2001:db8:1:2:ffff:1:2:3"));
    assertThat(a).isEqualTo(b).isEqualTo(InetAddress.getByName("2001:db8:1:2::"));
    assertThat(AddressGroup.of(InetAddress.getByName("2001:db8:1:3::1"))).isNotEqualTo(a);
  }

  @Test
  void of_whenIpv4OrMappedOrLoopback_thenTheAddressItself() throws Exception {
    InetAddress v4 = InetAddress.getByName("192.0.2.7");
    assertThat(AddressGroup.of(v4)).isEqualTo(v4);
    assertThat(AddressGroup.of(InetAddress.getByName("::ffff:192.0.2.7"))).isEqualTo(v4);
    assertThat(AddressGroup.of(InetAddress.getByName("::1")))
        .isEqualTo(InetAddress.getByName("::1"));
    assertThat(AddressGroup.of(null)).isNull();
  }
}
