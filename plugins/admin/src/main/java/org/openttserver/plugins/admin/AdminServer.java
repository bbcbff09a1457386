package org.openttserver.plugins.admin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.openttserver.api.service.Services;
import org.openttserver.api.session.ClientSessions;
import org.slf4j.Logger;

/**
 * The admin page and API on their port, with everything they need: sessions, sign-in limits, the
 * audit log ({@code audit.log}) and the API token ({@code api-token}) in the data directory.
 */
final class AdminServer implements AutoCloseable {
  static final String AUDIT_FILE = "audit.log";
  static final String TOKEN_FILE = "api-token";

  private final HttpServer http;
  private final ExecutorService threads;
  private final AuditLog audit;
  private final AdminSessions sessions;
  private final SignInLimiter limiter;

  AdminServer(AdminConfig config, InetSocketAddress bind, Services services,
      ClientSessions clients, Path dataDir, Logger log, LongSupplier clockMillis)
      throws IOException {
    this(config, bind, services, clients, dataDir, log, clockMillis, () -> "");
  }

  /**
   * The admin page, with the server's metrics on {@code GET /metrics}.
   *
   * @param metrics the metrics in Prometheus' text format
   */
  AdminServer(AdminConfig config, InetSocketAddress bind, Services services,
      ClientSessions clients, Path dataDir, Logger log, LongSupplier clockMillis,
      java.util.function.Supplier<String> metrics) throws IOException {
    Files.createDirectories(dataDir);
    String token = config.apiToken().isEmpty() ? token(dataDir.resolve(TOKEN_FILE), log)
        : config.apiToken();
    audit = new AuditLog(dataDir.resolve(AUDIT_FILE), clockMillis, log);
    sessions = new AdminSessions(config.sessionMinutes() * 60_000L, clockMillis);
    limiter = new SignInLimiter(config.signInAttemptsPerAddress(),
        config.signInFailuresPerAccount(), config.signInWindowSeconds() * 1000L, clockMillis);
    Moderation moderation = new Moderation(services, clients, audit, clockMillis);
    Status status = new Status(services, clients, clockMillis);
    AdminHttp handler = new AdminHttp(config, sessions, limiter, moderation, status, services,
        audit, new ApiHandler(token, moderation, status), log,
        bind.getAddress() != null && bind.getAddress().isLoopbackAddress(), metrics);
    threads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "admin-http");
      t.setDaemon(true);
      return t;
    });
    timeLimits();
    try {
      http = HttpServer.create(bind, 64);
    } catch (IOException e) {
      threads.shutdown();
      audit.close();
      throw e;
    }
    http.createContext("/", handler);
    http.setExecutor(threads);
    http.start();
  }

  /**
   * Gives the JDK's HTTP server a request and a response time limit (10 s, 20 s) unless they are
   * set already (by {@code -D} or the login plugin): without one, a few clients that send a
   * request slowly hold every handler thread. The server reads them once, when it first loads.
   */
  static void timeLimits() {
    System.setProperty("sun.net.httpserver.maxReqTime",
        System.getProperty("sun.net.httpserver.maxReqTime", "10"));
    System.setProperty("sun.net.httpserver.maxRspTime",
        System.getProperty("sun.net.httpserver.maxRspTime", "20"));
  }

  /** {@return the configured token file's token, made (owner-only) if there is none} */
  static String token(Path file, Logger log) throws IOException {
    if (Files.exists(file)) {
      String t = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (t.length() >= 16) {
        return t;
      }
    }
    String t = AdminSessions.token();
    // Made owner-only from the start (a short token is replaced, through a new file), never
    // readable by others between its creation and a change of permissions.
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system: the data directory's permissions apply
    }
    Files.writeString(file, t + "\n", StandardCharsets.UTF_8);
    log.info("admin: generated the JSON API token in {}", file);
    return t;
  }

  /** {@return where it listens} */
  InetSocketAddress address() {
    return http.getAddress();
  }

  /** Forgets expired sessions and old sign-in attempts. */
  void purge() {
    sessions.purge();
    limiter.purge();
    audit.flushRefusals(false);
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdown();
    try {
      audit.close();
    } catch (IOException e) {
      // closing after the last fsync loses nothing
    }
  }
}
