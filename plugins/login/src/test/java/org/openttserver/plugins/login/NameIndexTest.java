package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameIndexTest {
  @TempDir
  Path dir;

  @Test
  void find_whenOtherCase_thenSameAccount() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      assertThat(index.insert("Flippy", 100000001)).isTrue();
      assertThat(index.find("fLIPPY")).isEqualTo(OptionalLong.of(100000001));
    }
  }

  @Test
  void insert_whenNameTakenInOtherCase_thenFalse() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.insert("Flippy", 1);
      assertThat(index.insert("FLIPPY", 2)).isFalse();
    }
  }

  @Test
  void find_whenReopened_thenNamesKept() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.insert("Flippy", 7);
    }
    try (NameIndex index = new NameIndex(dir)) {
      assertThat(index.find("flippy")).isEqualTo(OptionalLong.of(7));
      assertThat(index.find("nobody")).isEmpty();
    }
  }

  @Test
  void reserve_thenNotFoundUntilCompleted() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      assertThat(index.reserve("Flippy")).isTrue();
      assertThat(index.find("flippy")).isEmpty();
      assertThat(index.reserve("FLIPPY")).isFalse();
      assertThat(index.reserved()).containsExactly("Flippy");
      index.complete("Flippy", 9);
      assertThat(index.find("flippy")).isEqualTo(OptionalLong.of(9));
      assertThat(index.reserved()).isEmpty();
      assertThat(index.doIds()).containsExactly(9L);
    }
  }

  @Test
  void release_whenCompleted_thenNameKept() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.insert("Flippy", 9);
      index.release("Flippy");
      assertThat(index.find("flippy")).isEqualTo(OptionalLong.of(9));
      index.reserve("Gone");
      index.release("gone");
      assertThat(index.reserve("Gone")).isTrue();
    }
  }

  @Test
  void reserved_whenReopened_thenStillReserved() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.reserve("Halfway");
    }
    try (NameIndex index = new NameIndex(dir)) {
      assertThat(index.reserved()).containsExactly("Halfway");
    }
  }
}
