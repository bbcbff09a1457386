package org.openttserver.plugins.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.service.AvatarDirectory.NameState;

class NameStoreTest {
  @TempDir Path dir;

  @Test
  void fileStore_keepsStatesAcrossReopen_andForgets() {
    Path file = dir.resolve("sub/name-states.properties");
    NameStore.FileStore store = new NameStore.FileStore(file);
    assertThat(store.read(7, null)).isEqualTo(NameStore.Wish.OPEN);
    store.write(7, new NameStore.Wish(NameState.PENDING, "Sir Woof | the = first"), null).join();
    store.write(8, new NameStore.Wish(NameState.REJECTED, "Bad"), null).join();
    assertThat(Files.exists(file)).isTrue();

    NameStore.FileStore reopened = new NameStore.FileStore(file);
    assertThat(reopened.read(7, null))
        .isEqualTo(new NameStore.Wish(NameState.PENDING, "Sir Woof | the = first"));
    assertThat(reopened.read(8, null)).isEqualTo(new NameStore.Wish(NameState.REJECTED, "Bad"));
    reopened.forget(7);
    assertThat(new NameStore.FileStore(file).read(7, null)).isEqualTo(NameStore.Wish.OPEN);
    assertThat(new NameStore.FileStore(file).read(8, null).state())
        .isEqualTo(NameState.REJECTED);
  }

  @Test
  void unknownOrEmptyStateText_readsAsOpen() {
    assertThat(NameStore.parse("")).isEqualTo(NameState.OPEN);
    assertThat(NameStore.parse("CLOSED")).isEqualTo(NameState.OPEN);
    assertThat(NameStore.parse("LOCKED")).isEqualTo(NameState.LOCKED);
  }
}
