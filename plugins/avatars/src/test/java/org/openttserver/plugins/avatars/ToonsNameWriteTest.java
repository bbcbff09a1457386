package org.openttserver.plugins.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.bridge.DatabaseObjects;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObjects;
import org.openttserver.api.bridge.StoredObject;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.slf4j.LoggerFactory;

/**
 * Toons' name writes in reference-DC mode (states in the file) against a database that records
 * what it is asked: the database is written, and read back as the proof it is on disk, before the
 * file; the file is written off the caller's thread; a failed file write fails the write.
 */
class ToonsNameWriteTest {
  static final long TOON = 100_000_007L;

  @TempDir Path dir;
  DcFile dc;
  DcClass toonClass;
  /** What the database was asked, each with whether the file had the new state by then. */
  final List<String> calls = new ArrayList<>();
  final ArrayDeque<Runnable> io = new ArrayDeque<>();
  Path file;
  NameStore.FileStore store;
  Toons toons;

  @BeforeEach
  void setUp() throws Exception {
    Path repo = Path.of("../..").toAbsolutePath().normalize();
    dc = DcParser.parse(List.of(
        DcSource.read(repo.resolve("config/dc/demo-toon.dc"), DcDialect.DC_2003),
        DcSource.read(repo.resolve("config/dc/openttserver.dc"), DcDialect.EXTENDED)));
    toonClass = dc.dclass("DistributedToon");
    file = dir.resolve("name-states.properties");
    store = new NameStore.FileStore(file, io::add);
    DatabaseObjects db = (DatabaseObjects) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {DatabaseObjects.class}, (p, m, args) -> {
          String fileHas = Files.exists(file) ? Files.readString(file) : "";
          switch (m.getName()) {
            case "getAll":
              calls.add("getAll");
              return CompletableFuture.completedFuture(new StoredObject(TOON, toonClass,
                  FieldValues.builder(toonClass).set("setName", "Red Dog").build()));
            case "set":
              calls.add("set " + ((FieldValues) args[1]).names() + " file has LOCKED: "
                  + fileHas.contains("LOCKED"));
              return CompletableFuture.completedFuture(null);
            case "get":
              calls.add("get file has LOCKED: " + fileHas.contains("LOCKED"));
              return CompletableFuture.completedFuture(FieldValues.empty(toonClass));
            default:
              throw new UnsupportedOperationException(m.getName());
          }
        });
    LiveObjects live = (LiveObjects) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {LiveObjects.class}, (p, m, args) -> {
          if (m.getName().equals("isActive")) {
            return CompletableFuture.completedFuture(false);
          }
          throw new UnsupportedOperationException(m.getName());
        });
    toons = new Toons(db, live, dc, store, new Journal(dir.resolve("avatars.journal")),
        LoggerFactory.getLogger("test"));
  }

  @Test
  void nameWrite_whenStatesAreInTheFile_thenDatabaseFirstThenTheFileOffTheCallersThread() {
    CompletableFuture<Boolean> w = toons.writeNameIf(TOON, NameStore.Wish.OPEN, "Bartok",
        new NameStore.Wish(NameState.LOCKED, ""));

    assertThat(calls).containsExactly("getAll", "set [setName] file has LOCKED: false",
        "get file has LOCKED: false");
    assertThat(w).as("the file is written on its own executor, after the database").isNotDone();
    assertThat(io).hasSize(1);
    io.poll().run();
    assertThat(w.join()).isTrue();
    assertThat(new NameStore.FileStore(file, Runnable::run).read(TOON, null))
        .isEqualTo(new NameStore.Wish(NameState.LOCKED, ""));
  }

  @Test
  void nameWrite_whenTheFileCannotBeWritten_thenTheWriteFails() throws Exception {
    Files.createDirectories(dir.resolve("name-states.properties.tmp/x"));
    CompletableFuture<Boolean> w = toons.writeNameIf(TOON, NameStore.Wish.OPEN, null,
        new NameStore.Wish(NameState.PENDING, "Woof"));
    io.poll().run();
    assertThat(w).isCompletedExceptionally();
    assertThat(store.read(TOON, null)).isEqualTo(NameStore.Wish.OPEN);
  }
}
