package org.openttserver.plugins.names;

import java.nio.file.Path;
import java.util.Optional;
import org.openttserver.api.service.NameReview.PendingName;

/**
 * Child process of {@link ReviewStoreKillTest}: queues wishes and claims names without end,
 * printing "WISH n" after wish n was queued and its name claimed, and "GONE n" after wish n was
 * removed (every third one), until it is killed.
 */
final class ReviewStoreChild {
  private ReviewStoreChild() {}

  public static void main(String[] args) throws Exception {
    ReviewStore store = new ReviewStore(Path.of(args[0]));
    for (long i = 0; ; i++) {
      store.putWish(new PendingName(100_000_000L + i, 7, "Wish" + i, i));
      store.claim("wish" + i, 100_000_000L + i, Optional.empty(), i);
      System.out.println("WISH " + i);
      if (i % 3 == 2) {
        store.removeWish(100_000_000L + i - 1);
        System.out.println("GONE " + (i - 1));
      }
      System.out.flush();
    }
  }
}
