package org.openttserver.plugins.admin;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a service's answer on an HTTP thread (never on the extension's executor). */
final class Await {
  /** How long a page waits for a service. */
  static final long TIMEOUT_SECONDS = 10;

  private Await() {}

  /** A service failed or did not answer in time; the page answers 503. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static <T> T result(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted", e);
    } catch (ExecutionException | CompletionException e) {
      throw new Unavailable(String.valueOf(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      throw new Unavailable("no answer in " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
