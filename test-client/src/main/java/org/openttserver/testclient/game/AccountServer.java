package org.openttserver.testclient.game;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The 2003 client's account-server calls (HTTP, form-encoded, answers as {@code key=value}
 * lines): {@code create.php} makes an account, {@code play.php} signs in and hands out a play
 * token for CLIENT_LOGIN_2.
 */
public final class AccountServer {
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * An account server.
   *
   * @param base its address, e.g. {@code http://127.0.0.1:8080}
   */
  public AccountServer(URI base) {
    this.base = base;
  }

  /**
   * Creates an account ({@code create.php}).
   *
   * @param name the account name
   * @param password its password
   * @throws AssertionError with the server's {@code errorMsg} if it refused
   */
  public void create(String name, String password) {
    call("create", name, password);
  }

  /**
   * Signs in ({@code play.php}) and returns the play token.
   *
   * @param name the account name
   * @param password its password
   * @return the play token
   * @throws AssertionError with the server's {@code errorMsg} if it refused
   */
  public String playToken(String name, String password) {
    for (String line : call("play", name, password).split("\n")) {
      if (line.startsWith("playToken=")) {
        return line.substring("playToken=".length()).trim();
      }
    }
    throw new AssertionError("play.php gave no play token");
  }

  private String call(String op, String name, String password) {
    String form = "n=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&p="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(base.resolve("/" + op + ".php"))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(op + ".php: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(op + ".php interrupted", e);
    }
    for (String line : r.body().split("\n")) {
      if (line.startsWith("errorMsg=")) {
        throw new AssertionError(op + ".php refused: " + line);
      }
    }
    return r.body();
  }
}
