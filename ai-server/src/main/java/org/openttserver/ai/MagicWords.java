package org.openttserver.ai;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.slf4j.Logger;

/**
 * The server side of the MagicWordManager's {@code setMagicWord(word, avId, zoneId)}: commands
 * for accounts whose {@code OpenTTAccount.setAccessLevel} is at least the configured level,
 * refused (and logged) for everyone else. The 2003 client runs its own words (camera, wireframe)
 * itself and sends every word here too; words this AI does not know are answered as such.
 *
 * <p>Words: {@code ~maxhp N} sets the toon's max laff and fills it (1-137, the game's highest);
 * {@code ~hp N} sets its laff, at most its max; {@code ~money N} fills its jar up to its size; {@code ~god}
 * answers that the 2003 DC has no god-mode field (nothing to toggle); {@code ~tp HOOD} (or
 * {@code ~teleport}) opens a playground for teleporting; {@code ~help} lists them.
 *
 * <p>Teleporting: the 2003 client owns its zone and never moves because a server says so, with
 * one exception (an estate's {@code sendAvToPlayground}). So {@code ~tp} gives the toon what its
 * Shticker Book map needs to take it there: the hood in {@code setTeleportAccess}, {@code
 * setHoodsVisited} and {@code setZonesVisited} (the map shows it with "Go to ..."; the player
 * clicks it and the client teleports itself through the quiet zone). A toon in an estate is sent
 * there at once. A street or interior zone is taken as its hood: the map teleports to
 * playgrounds only.
 */
final class MagicWords {
  /** The highest max laff a 2003 toon can have. */
  static final int MAX_LAFF = 137;

  private final AstronBridge bridge;
  private final DcFile dc;
  private final int accessLevel;
  private final Logger log;

  private final DcClass account;
  private final DcClass toon;
  private final Mover mover;

  /** Moves a toon at once where the client allows it. */
  @FunctionalInterface
  interface Mover {
    /**
     * Sends a toon to a playground now, if its client can be moved where it is.
     *
     * @param avatarId the toon
     * @param hood the playground
     * @return whether it was sent
     */
    boolean sendToPlayground(long avatarId, int hood);
  }

  /** The playgrounds of the 2003 client ({@code ToontownGlobals.Hoods}) and their names. */
  static final java.util.Map<Integer, String> HOODS = java.util.Map.of(1000, "Donald's Dock",
      2000, "Toontown Central", 3000, "The Brrrgh", 4000, "Minnie's Melodyland",
      5000, "Daisy Gardens", 9000, "Donald's Dreamland");

  MagicWords(AstronBridge bridge, DcFile dc, int accessLevel, Logger log) {
    this(bridge, dc, accessLevel, log, (a, h) -> false);
  }

  MagicWords(AstronBridge bridge, DcFile dc, int accessLevel, Logger log, Mover mover) {
    this.bridge = bridge;
    this.dc = dc;
    this.accessLevel = accessLevel;
    this.log = log;
    this.mover = mover;
    this.account = dc.findClass("OpenTTAccount").filter(c -> c.findField("setAccessLevel")
        .isPresent()).orElse(null);
    this.toon = dc.findClass("DistributedToon").orElse(null);
  }

  /** {@return a word as a log shows it: one line, at most 80 characters} */
  static String printable(String word) {
    String one = word.replaceAll("[\\p{Cntrl}]", "?");
    return one.length() <= 80 ? one : one.substring(0, 80) + "...";
  }

  /**
   * Runs one word.
   *
   * @param accountId the sender's account
   * @param avatarId the sender's toon
   * @param word what the player typed, e.g. "~maxhp 50"
   * @return the response to show the player
   */
  CompletableFuture<String> run(long accountId, long avatarId, String word) {
    if (account == null || toon == null) {
      return done("Magic words are not available on this server (its DC files have no"
          + " OpenTTAccount.setAccessLevel or DistributedToon).");
    }
    return bridge.database().get(accountId, account, "setAccessLevel").thenCompose(v -> {
      long level = v.find("setAccessLevel").map(x -> ((Number) x.get(0)).longValue())
          .orElse(0L);
      if (level < accessLevel) {
        log.warn("ai: magic word '{}' from toon {} (account {}, access level {}) refused",
            printable(word), avatarId, accountId, level);
        return CompletableFuture.completedFuture("Magic words are for administrators.");
      }
      log.info("ai: magic word '{}' from toon {} (account {}, access level {})",
          printable(word), avatarId, accountId, level);
      return execute(avatarId, word.trim());
    });
  }

  private CompletableFuture<String> execute(long avatarId, String word) {
    String[] parts = word.split("\\s+");
    String name = parts[0].toLowerCase(Locale.ROOT);
    Optional<Integer> arg = parts.length > 1 ? parseInt(parts[1]) : Optional.empty();
    switch (name) {
      case "~maxhp" -> {
        if (arg.isEmpty() || arg.get() < 1 || arg.get() > MAX_LAFF) {
          return done("~maxhp needs a number from 1 to " + MAX_LAFF);
        }
        return set(avatarId, FieldValues.builder(toon).set("setMaxHp", (long) arg.get())
            .set("setHp", (long) arg.get()).build(), "Max laff is now " + arg.get() + ".");
      }
      case "~hp" -> {
        if (arg.isEmpty() || arg.get() < 0 || arg.get() > MAX_LAFF) {
          return done("~hp needs a number from 0 to " + MAX_LAFF);
        }
        return bridge.objects().getFields(avatarId, toon, "setMaxHp").thenCompose(v -> {
          long max = v.integer("setMaxHp");
          long hp = Math.min(max, arg.get());
          return set(avatarId, FieldValues.builder(toon).set("setHp", hp).build(),
              "Laff is now " + hp + (hp < arg.get() ? " (the most it can have)" : "") + ".");
        });
      }
      case "~money" -> {
        if (arg.isEmpty() || arg.get() < 0 || arg.get() > Short.MAX_VALUE) {
          return done("~money needs a number from 0 to " + Short.MAX_VALUE);
        }
        return bridge.objects().getFields(avatarId, toon, "setMaxMoney").thenCompose(v -> {
          long max = v.integer("setMaxMoney");
          long money = Math.min(max, arg.get());
          return set(avatarId, FieldValues.builder(toon).set("setMoney", money).build(),
              "Jelly beans: " + money + (money < arg.get() ? " (the jar holds " + max + ")" : "")
              + ".");
        });
      }
      case "~god" -> {
        return done("This DC file has no god-mode field: nothing to toggle.");
      }
      case "~tp", "~teleport" -> {
        return teleport(avatarId, arg);
      }
      case "~help" -> {
        return done("Magic words: ~maxhp N, ~hp N, ~money N, ~god, ~tp HOOD, ~help");
      }
      default -> {
        return done("Unknown magic word " + parts[0] + " (try ~help).");
      }
    }
  }

  private CompletableFuture<String> teleport(long avatarId, Optional<Integer> arg) {
    int hood = arg.map(z -> z - z % 1000).orElse(-1);
    if (arg.isEmpty() || arg.get() < 1000 || arg.get() > 0xFFFF || !HOODS.containsKey(hood)) {
      return done("~tp needs a playground: 1000, 2000, 3000, 4000, 5000 or 9000");
    }
    for (String f : List.of("setTeleportAccess", "setHoodsVisited", "setZonesVisited",
        "setLastHood")) {
      if (toon.findField(f).isEmpty()) {
        return done("This DC file's DistributedToon has no " + f + ": ~tp cannot work.");
      }
    }
    String name = HOODS.get(hood) + " (" + hood + ")";
    return bridge.objects().getFields(avatarId, toon, "setTeleportAccess", "setHoodsVisited",
        "setZonesVisited").thenCompose(v -> {
          FieldValues.Builder b = FieldValues.builder(toon);
          for (String f : List.of("setTeleportAccess", "setHoodsVisited", "setZonesVisited")) {
            List<Long> now = new java.util.ArrayList<>();
            v.find(f).ifPresent(a -> ((List<?>) a.get(0))
                .forEach(x -> now.add(((Number) x).longValue())));
            if (!now.contains((long) hood)) {
              now.add((long) hood);
            }
            b.setValues(f, List.of(now));
          }
          return set(avatarId, b.build(), "");
        }).thenApply(x -> mover.sendToPlayground(avatarId, hood) ? "Going to " + name + "."
            : name + " is on your map now: open the Shticker Book's map and click it to go"
            + " (the 2003 client moves itself).");
  }

  private CompletableFuture<String> set(long avatarId, FieldValues values, String ok) {
    return bridge.objects().setFields(avatarId, values).thenApply(x -> ok);
  }

  private static CompletableFuture<String> done(String text) {
    return CompletableFuture.completedFuture(text);
  }

  private static Optional<Integer> parseInt(String s) {
    try {
      return Optional.of(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
