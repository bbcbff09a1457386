package org.openttserver.runtime.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openttserver.api.plugin.BackupContributor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code openttserver backup FILE} reaches the running server: it drops a request file into
 * {@code data/backup-requests/} (the target's path, one line), the server looks there once a
 * second, writes the backup on a thread of its own and answers in a {@code .result} file next to
 * the request ({@code ok FILES} or {@code failed REASON}). Whoever may write into {@code data/}
 * may already read and change all state, so the request needs no other credential, and no port
 * is opened for it.
 */
public final class BackupRequests implements AutoCloseable {
  /** The requests' folder in the data directory. */
  public static final String DIR = "backup-requests";
  private static final Logger log = LoggerFactory.getLogger("backup");
  private final Path dir;
  private final Path dataDir;
  private final Supplier<Map<String, BackupContributor>> contributors;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "backup");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledFuture<?> poll;

  /**
   * Starts looking for requests.
   *
   * @param dataDir the data directory
   * @param contributors the running plugins' contributors, asked at each backup
   * @param timers where the once-a-second look runs
   */
  public BackupRequests(Path dataDir, Supplier<Map<String, BackupContributor>> contributors,
      ScheduledExecutorService timers) {
    this.dataDir = dataDir;
    this.dir = dataDir.resolve(DIR);
    this.contributors = contributors;
    this.poll = timers.scheduleWithFixedDelay(this::look, 1, 1, TimeUnit.SECONDS);
  }

  private void look() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> requests;
    try (Stream<Path> s = Files.list(dir)) {
      requests = s.filter(p -> p.getFileName().toString().endsWith(".request")).toList();
    } catch (IOException e) {
      return;
    }
    for (Path r : requests) {
      Path running = r.resolveSibling(r.getFileName() + ".running");
      try {
        Files.move(r, running, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        continue;
      }
      worker.execute(() -> serve(running));
    }
  }

  private void serve(Path running) {
    String name = running.getFileName().toString().replace(".request.running", "");
    String answer;
    try {
      Path target = Path.of(Files.readString(running, StandardCharsets.UTF_8).strip());
      long t0 = System.nanoTime();
      int files = Backup.write(dataDir, contributors.get(), target);
      log.info("backup: wrote {} ({} files) in {} ms", target, files,
          (System.nanoTime() - t0) / 1_000_000);
      answer = "ok " + files;
    } catch (IOException | RuntimeException e) {
      log.warn("backup: failed: {}", e.toString());
      answer = "failed " + e.getMessage();
    }
    try {
      Path tmp = dir.resolve(name + ".result.tmp");
      Files.writeString(tmp, answer + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(name + ".result"), StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(running);
    } catch (IOException e) {
      log.warn("backup: cannot answer {}: {}", name, e.toString());
    }
  }

  @Override
  public void close() {
    poll.cancel(false);
    worker.shutdown();
  }
}
