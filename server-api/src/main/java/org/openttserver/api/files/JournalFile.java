package org.openttserver.api.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A journal of text lines for a plugin's crash safety: write the intent of a change before
 * making it, and its end after, and at start-up finish what an earlier run left open.
 *
 * <p>Lines are appended by one writer thread in the order {@link #append} was called; lines
 * appended while the thread writes are written together and fsynced once (group commit), and an
 * append's future completes only once its line is on disk. Each line opens an entry, ends one,
 * or neither, as the {@code openDelta} given at construction says (+1, -1, 0). When no entry of
 * this run is open and the file has grown past {@value #COMPACT_BYTES} bytes, it is truncated:
 * everything in it is over. Lines are ASCII (encode anything else, e.g. in hex).
 *
 * <pre>{@code
 * JournalFile journal = new JournalFile(dir.resolve("my.journal"), "my-journal",
 *     line -> line.startsWith("B ") ? 1 : line.startsWith("E ") ? -1 : 0);
 * for (String line : journal.lines()) { ... finish what is open ... }
 * journal.clear().join();
 * journal.append("B 1 move 7 to 9").thenCompose(x -> doIt()).thenCompose(x -> journal.append("E 1"));
 * }</pre>
 *
 * @since 0.3
 */
public final class JournalFile implements AutoCloseable {
  /** The size past which a journal with no open entry is emptied. */
  public static final long COMPACT_BYTES = 64 * 1024;

  private record Pending(String line, CompletableFuture<Void> done) {}

  private final Path file;
  private final ToIntFunction<String> openDelta;
  private final ExecutorService writer;
  private final List<Pending> queue = new ArrayList<>();
  /** Entries of this run written open and not yet written ended; the writer thread only. */
  private int open;
  private FileChannel channel;
  private volatile boolean closed;

  /**
   * A journal; nothing is read or created until used.
   *
   * @param file the file
   * @param threadName the writer thread's name
   * @param openDelta per line: +1 if it opens an entry, -1 if it ends one, 0 otherwise
   */
  public JournalFile(Path file, String threadName, ToIntFunction<String> openDelta) {
    this.file = Objects.requireNonNull(file, "file");
    this.openDelta = Objects.requireNonNull(openDelta, "openDelta");
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** {@return the file} */
  public Path path() {
    return file;
  }

  /**
   * The lines in the file (an earlier run's, before {@link #clear}); a torn last line, cut by a
   * crash in the middle of a write, is left out.
   *
   * @return the lines, none if there is no file
   * @throws UncheckedIOException if the file cannot be read
   */
  public List<String> lines() {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }

  /**
   * Appends a line.
   *
   * @param line the line, without its line break
   * @return completes once the line is on disk; fails if it could not be written or the journal
   *     is closed
   */
  public CompletableFuture<Void> append(String line) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    boolean schedule;
    synchronized (queue) {
      schedule = queue.isEmpty();
      queue.add(new Pending(line + "\n", f));
    }
    if (schedule) {
      try {
        writer.execute(this::flush);
      } catch (RuntimeException e) { // closed
        f.completeExceptionally(e);
      }
    }
    return f;
  }

  /**
   * Empties the journal and fsyncs the truncation (after start-up recovery finished what an
   * earlier run left open).
   *
   * @return completes once empty; fails with {@link IllegalStateException}, nothing truncated,
   *     while an append is waiting to be written or an entry of this run is open
   */
  public CompletableFuture<Void> clear() {
    return CompletableFuture.runAsync(() -> {
      synchronized (queue) {
        if (!queue.isEmpty() || open > 0) {
          throw new IllegalStateException("not emptying " + file + ": " + open
              + " entry(ies) open, " + queue.size() + " line(s) waiting");
        }
      }
      try {
        channel().truncate(0);
        channel().force(true);
        open = 0;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot empty " + file, e);
      }
    }, writer);
  }

  private void flush() {
    List<Pending> batch;
    synchronized (queue) {
      batch = new ArrayList<>(queue);
      queue.clear();
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      FileChannel ch = channel();
      StringBuilder b = new StringBuilder();
      for (Pending p : batch) {
        b.append(p.line());
        open += openDelta.applyAsInt(p.line());
      }
      ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.ISO_8859_1));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
      if (open <= 0 && ch.size() > COMPACT_BYTES) {
        ch.truncate(0);
        ch.force(true);
        open = 0;
      }
      batch.forEach(p -> p.done().complete(null));
    } catch (IOException | RuntimeException e) {
      UncheckedIOException failure = new UncheckedIOException("cannot write " + file,
          e instanceof IOException io ? io : new IOException(e));
      batch.forEach(p -> p.done().completeExceptionally(failure));
    }
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    }
    return channel;
  }

  /** {@return whether {@link #close} was called} */
  public boolean closed() {
    return closed;
  }

  /** Stops the writer (lines already appended are written first) and closes the file. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.execute(() -> {
        try {
          if (channel != null) {
            channel.close();
          }
        } catch (IOException e) {
          // closing only
        }
      });
    } catch (RuntimeException e) {
      // already stopped
    }
    writer.shutdown();
  }

  /**
   * Waits until the writer has stopped after {@link #close}.
   *
   * @param timeout how long at most
   * @return whether it stopped
   */
  public boolean awaitClosed(Duration timeout) {
    try {
      return writer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
