package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoginConfigTest {
  @Test
  void hashThreads_whenUnset_thenHalfTheProcessorsAndAtLeastOne() {
    assertThat(LoginConfig.defaults().hashThreads())
        .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  @Test
  void hashThreads_whenZero_thenRefusedNamingTheKey() {
    assertThatThrownBy(() -> new LoginConfig(null, null, null, null, null, null, null, null, null,
        null, null, null, null, 0, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugins.login.hash_threads");
  }
}
