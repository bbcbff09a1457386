package org.openttserver.plugins.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.service.AvatarDirectory.NameState;

class NameStoreTest {
  @TempDir Path dir;

  @Test
  void fileStore_keepsStatesAcrossReopen_andForgets() {
    Path file = dir.resolve("sub/name-states.properties");
    NameStore.FileStore store = new NameStore.FileStore(file, Runnable::run);
    assertThat(store.read(7, null)).isEqualTo(NameStore.Wish.OPEN);
    store.storeApart(7, new NameStore.Wish(NameState.PENDING, "Sir Woof | the = first")).join();
    store.storeApart(8, new NameStore.Wish(NameState.REJECTED, "Bad")).join();
    assertThat(Files.exists(file)).isTrue();

    NameStore.FileStore reopened = new NameStore.FileStore(file, Runnable::run);
    assertThat(reopened.read(7, null))
        .isEqualTo(new NameStore.Wish(NameState.PENDING, "Sir Woof | the = first"));
    assertThat(reopened.read(8, null)).isEqualTo(new NameStore.Wish(NameState.REJECTED, "Bad"));
    reopened.forget(7).join();
    assertThat(new NameStore.FileStore(file, Runnable::run).read(7, null))
        .isEqualTo(NameStore.Wish.OPEN);
    assertThat(new NameStore.FileStore(file, Runnable::run).read(8, null).state())
        .isEqualTo(NameState.REJECTED);
  }

  @Test
  void fileStore_writesOnItsExecutorAndShowsAChangeOnlyOnceOnDisk() {
    Path file = dir.resolve("name-states.properties");
    ArrayDeque<Runnable> io = new ArrayDeque<>();
    NameStore.FileStore store = new NameStore.FileStore(file, io::add);
    CompletableFuture<Void> w = store.storeApart(7, new NameStore.Wish(NameState.LOCKED, ""));
    assertThat(w).as("nothing written on the caller's thread").isNotDone();
    assertThat(Files.exists(file)).isFalse();
    assertThat(store.read(7, null)).isEqualTo(NameStore.Wish.OPEN);

    io.poll().run();
    assertThat(w).isCompleted();
    assertThat(store.read(7, null)).isEqualTo(new NameStore.Wish(NameState.LOCKED, ""));
    assertThat(new NameStore.FileStore(file, Runnable::run).read(7, null).state())
        .isEqualTo(NameState.LOCKED);
  }

  @Test
  void fileStore_whenTheFileCannotBeWritten_thenWriteAndForgetFailAndNothingChanges()
      throws Exception {
    Path file = dir.resolve("name-states.properties");
    NameStore.FileStore store = new NameStore.FileStore(file, Runnable::run);
    store.storeApart(7, new NameStore.Wish(NameState.PENDING, "Woof")).join();
    // The temporary file's place is taken by a directory that cannot be replaced.
    Path blocker = dir.resolve("name-states.properties.tmp");
    Files.createDirectories(blocker.resolve("x"));

    assertThat(store.storeApart(7, new NameStore.Wish(NameState.APPROVED, "Woof")))
        .isCompletedExceptionally();
    assertThat(store.read(7, null)).as("the state read is what is on disk")
        .isEqualTo(new NameStore.Wish(NameState.PENDING, "Woof"));
    assertThat(store.forget(7)).as("a failed save is not ignored").isCompletedExceptionally();
    assertThat(store.read(7, null).state()).isEqualTo(NameState.PENDING);
  }

  @Test
  void unknownOrEmptyStateText_readsAsOpen() {
    assertThat(NameStore.parse("")).isEqualTo(NameState.OPEN);
    assertThat(NameStore.parse("CLOSED")).isEqualTo(NameState.OPEN);
    assertThat(NameStore.parse("LOCKED")).isEqualTo(NameState.LOCKED);
  }
}
