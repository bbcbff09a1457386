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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
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
   * Adds the state to a toon write, or stores it apart.
   *
   * @param avatarId the toon
   * @param wish the new state
   * @param toonWrite the values about to be written to the toon
   * @return the toon write with the fields added (or unchanged), once the state is stored apart
   */
  CompletableFuture<FieldValues.Builder> write(long avatarId, Wish wish,
      FieldValues.Builder toonWrite);

  /** Forgets a deleted toon. */
  void forget(long avatarId);

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
    public CompletableFuture<FieldValues.Builder> write(long avatarId, Wish wish,
        FieldValues.Builder toonWrite) {
      return CompletableFuture.completedFuture(toonWrite.set("WishName", wish.wishName())
          .set("WishNameState", wish.state().name()));
    }

    @Override
    public void forget(long avatarId) {
      // the toon's fields go with the toon
    }
  }

  /**
   * A properties file, {@code id=STATE|wish}, rewritten whole (temporary file, fsync, atomic
   * rename) on every change: small (a line per toon that ever had a wish name) and durable once
   * {@link #write} completes.
   */
  final class FileStore implements NameStore {
    private final Path file;
    private final Properties values = new Properties();

    FileStore(Path file) {
      this.file = file;
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
    public synchronized CompletableFuture<FieldValues.Builder> write(long avatarId, Wish wish,
        FieldValues.Builder toonWrite) {
      values.setProperty(Long.toString(avatarId), wish.state().name() + "|" + wish.wishName());
      return save().thenApply(x -> toonWrite);
    }

    @Override
    public synchronized void forget(long avatarId) {
      if (values.remove(Long.toString(avatarId)) != null) {
        save();
      }
    }

    private CompletableFuture<Void> save() {
      try {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
          Properties copy = new Properties();
          for (Map.Entry<Object, Object> e : values.entrySet()) {
            copy.put(e.getKey(), e.getValue());
          }
          copy.store(out, "avatars plugin: typed-name review states (avatarId=STATE|wish)");
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        return CompletableFuture.completedFuture(null);
      } catch (IOException e) {
        return CompletableFuture.failedFuture(new UncheckedIOException(
            "avatars: cannot write " + file, e));
      }
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
