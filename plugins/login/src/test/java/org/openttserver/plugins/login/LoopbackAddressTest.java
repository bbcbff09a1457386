package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which client addresses count as this machine for made-up play tokens; never a name look-up. */
class LoopbackAddressTest {
  @Test
  void isLoopback_onlyForLoopbackIpLiterals() {
    assertThat(LoginHandlers.isLoopback("127.0.0.1")).isTrue();
    assertThat(LoginHandlers.isLoopback("127.9.8.7")).isTrue();
    assertThat(LoginHandlers.isLoopback("::1")).isTrue();
    assertThat(LoginHandlers.isLoopback("203.0.113.7")).isFalse();
    assertThat(LoginHandlers.isLoopback("::ffff:203.0.113.7")).isFalse();
    assertThat(LoginHandlers.isLoopback("")).isFalse();
    assertThat(LoginHandlers.isLoopback("localhost")).as("names are not looked up").isFalse();
    assertThat(LoginHandlers.isLoopback("face.cafe")).as("hex letters, still a name").isFalse();
  }
}
