package org.openttserver.plugins.login;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openttserver.plugins.login.FormRequest.BadRequest;
import org.slf4j.Logger;

/**
 * The 2003 client's account server over HTTP (the JDK's {@code com.sun.net.httpserver}):
 * {@code GET /constants.php}, {@code GET /getDate.php} and the operations of {@link AccountOps}
 * as {@code /<op>.php}. Every answer is a 200 text reply the client can parse; bad requests get an
 * errorCode/errorMsg, never a stack trace.
 */
final class AccountServer implements AutoCloseable {
  private static final long TIMEOUT_MS = 15_000;
  /**
   * Connections the kernel queues before the server accepts them. The JDK's server accepts on one
   * thread; when a crowd connects at once (a server opening to the public, every client of a LAN
   * party), connections past a short queue are dropped and their clients retry only a second
   * later (TCP's first retransmission).
   */
  static final int BACKLOG = 1024;
  private final HttpServer http;
  private final AccountOps ops;
  private final LoginConfig config;
  private final Logger log;
  private final ExecutorService executor;

  AccountServer(InetSocketAddress bind, AccountOps ops, LoginConfig config, Logger log,
      ExecutorService executor) throws IOException {
    this.ops = ops;
    this.config = config;
    this.log = log;
    this.executor = executor;
    this.http = HttpServer.create(bind, BACKLOG);
    http.createContext("/", this::handle);
    http.setExecutor(executor);
    http.start();
  }

  /** {@return the address the server listens on} */
  InetSocketAddress address() {
    return http.getAddress();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String text = answer(ex).text();
      byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
      ex.getResponseHeaders().set("Content-Type", "text/plain; charset=iso-8859-1");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private AccountReply answer(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    String op = path.startsWith("/") && path.endsWith(".php")
        ? path.substring(1, path.length() - 4) : path;
    String header = op.equals("get") ? AccountReply.INFO : AccountReply.RESPONSE;
    String address = ex.getRemoteAddress().getAddress().getHostAddress();
    try {
      switch (op) {
        case "constants": return AccountReply.constants(config.constants());
        case "getDate": return AccountReply.date(System.currentTimeMillis() / 1000);
        default: break;
      }
      FormRequest req = FormRequest.parse(ex.getRequestURI().getRawQuery(),
          readBody(ex.getRequestBody()), address);
      AccountReply reply = ops.run(op, req).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      log.info("account server: {} {} from {}: {}", op, LoginChecks.printable(req.get("n", "-")),
          address,
          reply.get("errorMsg") == null ? "ok" : "error " + reply.get("errorCode"));
      return reply;
    } catch (BadRequest e) {
      log.info("account server: bad request {} from {}: {}", LoginChecks.printable(path), address,
          LoginChecks.printable(e.getMessage()));
      return AccountReply.error(header, AccountReply.BAD_REQUEST, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AccountReply.error(header, AccountReply.SERVER_ERROR, "server shutting down");
    } catch (IOException | TimeoutException | ExecutionException | RuntimeException e) {
      log.warn("account server: {} from {} failed: {}", LoginChecks.printable(path), address,
          e.toString());
      return AccountReply.error(header, AccountReply.SERVER_ERROR,
          "The account service is not available right now.");
    }
  }

  private String readBody(InputStream in) throws IOException, BadRequest {
    int max = config.maxBodyBytes();
    byte[] bytes = in.readNBytes(max + 1);
    if (bytes.length > max) {
      throw new BadRequest("request body larger than " + max + " bytes");
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
