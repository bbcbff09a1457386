package org.openttserver.ai;

import java.util.Objects;
import org.openttserver.api.msg.Channels;

/**
 * What one AI runs.
 *
 * @param districtName the district's name in the shard list
 * @param channel the AI's channel: the sender of everything it sends, where the state server
 *     forwards clients' updates of its objects, and the key of its post-remove
 * @param firstDoId the first doId of the AI's objects (the district, then its objects); they
 *     live in the state server only, so the range must lie outside every DB-state server's
 *     ranges and the database's generate range
 * @param lastDoId the last doId it may use
 * @param tutorial what the TutorialManager does when a new toon asks for the tutorial
 * @param friendsChannel the AI channel of the district's FriendManager: where the state server
 *     forwards clients' invitations and secret-friend requests (the extension's channel, where
 *     the friends plugin serves them); 0 for this AI's own channel (then nobody answers them)
 * @param magicWordAccess the lowest {@code OpenTTAccount.setAccessLevel} allowed magic words
 * @param extensionChannel where the zones plugin runs (the extension's channel): the AI grants
 *     its toons their tutorial and estate zones there ({@code OpenTTDistrict.grantZones})
 */
public record AiSettings(String districtName, long channel, long firstDoId, long lastDoId,
    Tutorial tutorial, long friendsChannel, int magicWordAccess, long extensionChannel) {
  /** The default lowest access level for magic words (moderators and administrators). */
  public static final int DEFAULT_MAGIC_WORD_ACCESS = 300;

  /**
   * Settings whose zone grants go to the extension's default channel (5536).
   *
   * @param districtName as above
   * @param channel as above
   * @param firstDoId as above
   * @param lastDoId as above
   * @param tutorial as above
   * @param friendsChannel as above
   * @param magicWordAccess as above
   */
  public AiSettings(String districtName, long channel, long firstDoId, long lastDoId,
      Tutorial tutorial, long friendsChannel, int magicWordAccess) {
    this(districtName, channel, firstDoId, lastDoId, tutorial, friendsChannel, magicWordAccess,
        Channels.DEFAULT_EXTENSION);
  }

  /**
   * Settings with the default magic-word access level.
   *
   * @param districtName as above
   * @param channel as above
   * @param firstDoId as above
   * @param lastDoId as above
   * @param tutorial as above
   * @param friendsChannel as above
   */
  public AiSettings(String districtName, long channel, long firstDoId, long lastDoId,
      Tutorial tutorial, long friendsChannel) {
    this(districtName, channel, firstDoId, lastDoId, tutorial, friendsChannel,
        DEFAULT_MAGIC_WORD_ACCESS);
  }

  /** What happens to a toon asking for the tutorial. */
  public enum Tutorial {
    /**
     * The toon is marked as having done it ({@code setTutorialAck 1}, where the DC has it), so
     * its client never asks again; this first time the client waits its 10 seconds and plays.
     */
    SKIP,
    /**
     * The toon gets the tutorial: four zones of its own (granted through the zones plugin), Tutorial
     * Tom's shop and the tutorial street with their doors, {@code enterTutorial} at once. Walking
     * into the street's tunnel ends it ({@code allDone}: {@code setTutorialAck 1}, zones freed).
     */
    OFFER
  }

  /**
   * Settings whose FriendManager is served by the extension on its default channel (5536).
   *
   * @param districtName as above
   * @param channel as above
   * @param firstDoId as above
   * @param lastDoId as above
   * @param tutorial as above
   */
  public AiSettings(String districtName, long channel, long firstDoId, long lastDoId,
      Tutorial tutorial) {
    this(districtName, channel, firstDoId, lastDoId, tutorial, Channels.DEFAULT_EXTENSION);
  }

  /** Checks the values. */
  public AiSettings {
    Objects.requireNonNull(districtName, "districtName");
    Objects.requireNonNull(tutorial, "tutorial");
    if (districtName.isBlank()) {
      throw new IllegalArgumentException("the district needs a name");
    }
    if (Channels.isReserved(channel)) {
      throw new IllegalArgumentException("channel " + channel + " is reserved (0-999)");
    }
    if (magicWordAccess < 1) {
      throw new IllegalArgumentException("magic words need an access level of 1 or more (0 is"
          + " every player), not " + magicWordAccess);
    }
    if (Channels.isReserved(extensionChannel)) {
      throw new IllegalArgumentException("extension channel " + extensionChannel
          + " is reserved (0-999)");
    }
    if (friendsChannel != 0 && Channels.isReserved(friendsChannel)) {
      throw new IllegalArgumentException("friends channel " + friendsChannel
          + " is reserved (0-999)");
    }
    if (firstDoId < 1 || lastDoId > 0xFFFF_FFFFL || firstDoId + 32 > lastDoId) {
      throw new IllegalArgumentException("the doId range " + firstDoId + "-" + lastDoId
          + " must lie within 1-4294967295 and hold at least 33 ids");
    }
  }
}
