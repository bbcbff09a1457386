package org.openttserver.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openttserver.ai.AiServer;
import org.openttserver.ai.AiSettings;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.Channels;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ServerConfig;
import org.slf4j.LoggerFactory;

/** Turns the {@code ai} section into a running {@link AiServer}, checking the keys first. */
final class AiLauncher {
  /** How long the AI's start may take (its creates are only sent; this bounds a stuck link). */
  static final long START_TIMEOUT_S = 30;

  private AiLauncher() {}

  /**
   * The settings of the {@code ai} section.
   *
   * @param c the section
   * @param roles the embedded roles, whose doId ranges the AI's must not overlap
   * @param source the configuration file, for messages
   * @return the settings
   * @throws ConfigException naming the key of a bad value
   */
  static AiSettings settings(ServerConfig.AiConfig c, List<ObjectNode> roles, Path source) {
    return settings(c, roles, source, Channels.DEFAULT_EXTENSION);
  }

  /**
   * The settings of the {@code ai} section.
   *
   * @param c the section
   * @param roles the embedded roles, whose doId ranges the AI's must not overlap
   * @param source the configuration file, for messages
   * @param extensionChannel the extension's channel: the FriendManager's AI unless the section
   *     names another
   * @return the settings
   * @throws ConfigException naming the key of a bad value
   */
  static AiSettings settings(ServerConfig.AiConfig c, List<ObjectNode> roles, Path source,
      long extensionChannel) {
    if (c.districtName().isBlank()) {
      throw new ConfigException(source + ": key 'ai.district_name': empty; give the district a"
          + " name");
    }
    AiSettings.Tutorial tutorial = switch (c.tutorial().toLowerCase(Locale.ROOT)) {
      case "skip" -> AiSettings.Tutorial.SKIP;
      case "offer" -> AiSettings.Tutorial.OFFER;
      default -> throw new ConfigException(source + ": key 'ai.tutorial': '" + c.tutorial()
          + "' is not one of skip, offer");
    };
    ServerConfig.AiConfig.Range r = c.doIds();
    if (r.min() == null || r.max() == null || r.min() < 1 || r.max() > 0xFFFF_FFFFL
        || r.min() + 32 > r.max()) {
      throw new ConfigException(source + ": key 'ai.do_ids': needs {min, max} within"
          + " 1-4294967295 with room for at least 33 objects");
    }
    for (int i = 0; i < roles.size(); i++) {
      ObjectNode role = roles.get(i);
      overlap(role.get("generate"), r, "roles[" + i + "].generate", source);
      overlap(role.get("channels"), r, "roles[" + i + "].channels", source);
      JsonNode ranges = role.get("ranges");
      if (ranges != null && ranges.isArray()) {
        for (int j = 0; j < ranges.size(); j++) {
          overlap(ranges.get(j), r, "roles[" + i + "].ranges[" + j + "]", source);
        }
      }
    }
    if (Channels.isReserved(c.channel())) {
      throw new ConfigException(source + ": key 'ai.channel': " + c.channel() + " is reserved"
          + " (0-999); choose a channel above 999 that nothing else uses (e.g. 401000)");
    }
    if (Channels.isReserved(extensionChannel)) {
      throw new ConfigException(source + ": key 'extension.channel': " + extensionChannel
          + " is reserved (0-999); the AI sends its zone grants and the FriendManager's requests"
          + " there, so use the extension's own channel (5536 by default)");
    }
    checkChannel(c.channel(), r, roles, extensionChannel, source);
    long friends = c.friendsChannel() != null ? c.friendsChannel() : extensionChannel;
    if (friends != 0 && Channels.isReserved(friends)) {
      throw new ConfigException(source + ": key 'ai.friends_channel': " + friends + " is"
          + " reserved (0-999); use the extension's channel (5536 by default)");
    }
    if (c.magicWordAccess() < 1 || c.magicWordAccess() > 0xFFFF) {
      throw new ConfigException(source + ": key 'ai.magic_word_access': " + c.magicWordAccess()
          + " is outside 1-65535 (0 would let every player use magic words; access levels are"
          + " 16 bits); 300 by default");
    }
    try {
      return new AiSettings(c.districtName(), c.channel(), r.min(), r.max(), tutorial, friends,
          c.magicWordAccess(), extensionChannel);
    } catch (IllegalArgumentException e) {
      // Every value was checked above under its own key; this is a check added to AiSettings
      // since, so no key is named rather than a wrong one.
      throw new ConfigException(source + ": section 'ai': " + e.getMessage());
    }
  }

  /**
   * The AI's channel must be its own: not the extension's, not a role's control channel, not
   * inside a client agent's channels or anybody's doIds (a doId is a channel).
   */
  private static void checkChannel(long channel, ServerConfig.AiConfig.Range doIds,
      List<ObjectNode> roles, long extensionChannel, Path source) {
    String clash = null;
    if (channel == extensionChannel) {
      clash = "the extension's channel (extension.channel)";
    } else if (channel >= doIds.min() && channel <= doIds.max()) {
      clash = "its own ai.do_ids";
    }
    for (int i = 0; clash == null && i < roles.size(); i++) {
      ObjectNode role = roles.get(i);
      for (String key : List.of("control", "database")) {
        if (role.has(key) && role.get(key).asLong() == channel) {
          clash = "roles[" + i + "]." + key;
        }
      }
      for (String key : List.of("channels", "generate")) {
        if (clash == null && inside(role.get(key), channel)) {
          clash = "roles[" + i + "]." + key;
        }
      }
      JsonNode ranges = role.get("ranges");
      for (int j = 0; clash == null && ranges != null && ranges.isArray() && j < ranges.size();
          j++) {
        if (inside(ranges.get(j), channel)) {
          clash = "roles[" + i + "].ranges[" + j + "]";
        }
      }
    }
    if (clash != null) {
      throw new ConfigException(source + ": key 'ai.channel': " + channel + " is also " + clash
          + "; give the AI a channel of its own (e.g. 401000)");
    }
  }

  private static boolean inside(JsonNode range, long channel) {
    return range != null && range.has("min") && range.has("max")
        && channel >= range.get("min").asLong() && channel <= range.get("max").asLong();
  }

  private static void overlap(JsonNode range, ServerConfig.AiConfig.Range ai, String key,
      Path source) {
    if (range == null || !range.has("min") || !range.has("max")) {
      return;
    }
    long min = range.get("min").asLong();
    long max = range.get("max").asLong();
    if (ai.min() <= max && min <= ai.max()) {
      throw new ConfigException(source + ": key 'ai.do_ids': " + ai.min() + "-" + ai.max()
          + " overlaps " + key + " (" + min + "-" + max + "); the AI's objects live in the state"
          + " server only, so give it ids no database or client agent uses");
    }
  }

  /**
   * Starts the AI and waits until its objects were sent.
   *
   * @param participant its own participant
   * @param dc the DC files
   * @param settings what to run
   * @return the AI
   */
  static AiServer start(ClusterParticipant participant, DcFile dc, AiSettings settings) {
    try {
      return AiServer.start(participant, dc, settings, LoggerFactory.getLogger("ai"))
          .get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the AI started", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the AI did not start: " + e, e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ai: " + e.getMessage());
    }
  }
}
