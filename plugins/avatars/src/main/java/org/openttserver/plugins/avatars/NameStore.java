package org.openttserver.plugins.avatars;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.service.AvatarDirectory.NameState;

/**
 * Where a toon's typed-name review state lives: the toon's own {@code WishName} and {@code
 * WishNameState} fields when the loaded DC stores them ({@code db}, as our demo DC does), or
 * else a small file in the plugin's data directory. The 2003 game's toon.dc declares both
 * fields without {@code db}, so a cluster running it would silently drop them; the file keeps
 * them across restarts instead.
 */
interface NameStore {
  /** A toon's review state. */
  record Wish(NameState state, String wishName) {
    static final Wish OPEN = new Wish(NameState.OPEN, "");
  }

  /** {@return the names of toon fields this store reads with the toon (none for the file)} */
  String[] toonFields();

  /**
   * Reads the state.
   *
   * @param avatarId the toon
   * @param toonValues the toon's stored values (with {@link #toonFields()})
   * @return the state; {@link Wish#OPEN} if nothing is stored
   */
  Wish read(long avatarId, FieldValues toonValues);

  /**
   * Adds the state's toon fields to a toon write (nothing for the file).
   *
   * @param wish the new state
   * @param toonWrite the values about to be written to the toon
   * @return {@code toonWrite}, with the fields added where the toon stores them
   */
  FieldValues.Builder addTo(Wish wish, FieldValues.Builder toonWrite);

  /**
   * Stores the state apart from the toon (the file; nothing for the toon's fields). Called only
   * once the toon write is on disk: the database first, so a crash in between never leaves a
   * state (LOCKED) that promises a name the database does not have.
   *
   * @param avatarId the toon
   * @param wish the new state
   * @return completes once durable, off the caller's thread; fails if it cannot be stored (the
   *     state read stays the old one)
   */
  CompletableFuture<Void> storeApart(long avatarId, Wish wish);

  /**
   * Forgets a deleted toon.
   *
   * @param avatarId the toon
   * @return completes once durable; fails if it cannot be stored
   */
  CompletableFuture<Void> forget(long avatarId);

  /** The toon's {@code WishName} / {@code WishNameState} db fields. */
  final class ToonFields implements NameStore {
    @Override
    public String[] toonFields() {
      return new String[] {"WishName", "WishNameState"};
    }

    @Override
    public Wish read(long avatarId, FieldValues v) {
      String state = v.find("WishNameState").map(l -> (String) l.get(0)).orElse("");
      String wish = v.find("WishName").map(l -> (String) l.get(0)).orElse("");
      return new Wish(parse(state), wish);
    }

    @Override
    public FieldValues.Builder addTo(Wish wish, FieldValues.Builder toonWrite) {
      return toonWrite.set("WishName", wish.wishName()).set("WishNameState", wish.state().name());
    }

    @Override
    public CompletableFuture<Void> storeApart(long avatarId, Wish wish) {
      return CompletableFuture.completedFuture(null); // written with the toon
    }

    @Override
    public CompletableFuture<Void> forget(long avatarId) {
      return CompletableFuture.completedFuture(null); // the toon's fields go with the toon
    }
  }

  /**
   * A properties file, {@code id=STATE|wish}, rewritten whole (temporary file, fsync, atomic
   * rename) on every change: small (a line per toon that ever had a wish name) and durable once
   * {@link #storeApart} completes. Files are written on the given executor, never on the
   * caller's (the bridge's) thread, one change at a time; a change is seen by {@link #read} only
   * once it is on disk.
   */
  final class FileStore implements NameStore {
    private final Path file;
    private final Executor io;
    private final Object saving = new Object();
    private Properties values = new Properties(); // guarded by this; replaced, never changed

    /**
     * Opens the file (reading it if it exists).
     *
     * @param file the file
     * @param io where the file is written (a worker thread of the plugin)
     */
    FileStore(Path file, Executor io) {
      this.file = file;
      this.io = io;
      if (Files.exists(file)) {
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          values.load(in);
        } catch (IOException e) {
          throw new UncheckedIOException("avatars: cannot read " + file, e);
        }
      }
    }

    @Override
    public String[] toonFields() {
      return new String[0];
    }

    @Override
    public synchronized Wish read(long avatarId, FieldValues toonValues) {
      String v = values.getProperty(Long.toString(avatarId));
      if (v == null) {
        return Wish.OPEN;
      }
      int bar = v.indexOf('|');
      return new Wish(parse(v.substring(0, bar)), v.substring(bar + 1));
    }

    @Override
    public FieldValues.Builder addTo(Wish wish, FieldValues.Builder toonWrite) {
      return toonWrite;
    }

    @Override
    public CompletableFuture<Void> storeApart(long avatarId, Wish wish) {
      String key = Long.toString(avatarId);
      String value = wish.state().name() + "|" + wish.wishName();
      return change(p -> !value.equals(p.setProperty(key, value)));
    }

    @Override
    public CompletableFuture<Void> forget(long avatarId) {
      String key = Long.toString(avatarId);
      return change(p -> p.remove(key) != null);
    }

    /** Applies an edit to a copy, saves the copy if the edit changed it, then shows it. */
    private CompletableFuture<Void> change(Predicate<Properties> edit) {
      return CompletableFuture.runAsync(() -> {
        synchronized (saving) {
          Properties next = new Properties();
          synchronized (this) {
            next.putAll(values);
          }
          if (!edit.test(next)) {
            return;
          }
          try {
            save(next);
          } catch (IOException e) {
            throw new UncheckedIOException("avatars: cannot write " + file, e);
          }
          synchronized (this) {
            values = next;
          }
        }
      }, io);
    }

    private void save(Properties next) throws IOException {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        next.store(out, "avatars plugin: typed-name review states (avatarId=STATE|wish)");
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** {@return a stored state name as a state; empty or unknown text is OPEN} */
  static NameState parse(String s) {
    try {
      return s.isEmpty() ? NameState.OPEN : NameState.valueOf(s);
    } catch (IllegalArgumentException e) {
      return NameState.OPEN;
    }
  }
}
