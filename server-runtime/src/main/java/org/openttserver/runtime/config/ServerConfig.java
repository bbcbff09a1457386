package org.openttserver.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openttserver.api.bridge.BridgeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole server configuration ({@code config/openttserver.yml}). Keys are Astron's where the
 * two overlap ({@code general.dc_files}, {@code messagedirector.bind}, {@code roles}).
 *
 * @param general files and directories
 * @param messagedirector the message director
 * @param extension the extension (game logic for 2003 clients)
 * @param roles cluster roles, each with a {@code type}
 * @param plugins one section per plugin id, each with {@code enabled}
 * @param ai the base AI run in this process; absent means none
 * @param metrics the Prometheus endpoint; absent means none
 * @param source the file this came from, for messages
 */
public record ServerConfig(
    General general,
    MessageDirectorConfig messagedirector,
    ExtensionConfig extension,
    List<ObjectNode> roles,
    Map<String, JsonNode> plugins,
    AiConfig ai,
    MetricsConfig metrics,
    Path source) {

  /** Fills in defaults for absent sections. */
  public ServerConfig {
    general = general != null ? general : new General(null, null, null, null, null);
    messagedirector = messagedirector != null ? messagedirector
        : new MessageDirectorConfig(null, null, null);
    extension = extension != null ? extension : new ExtensionConfig(null, null, null, null);
    roles = roles != null ? List.copyOf(roles) : List.of();
    plugins = plugins != null ? Map.copyOf(plugins) : Map.of();
    ai = ai != null ? ai : AiConfig.NONE;
    metrics = metrics != null ? metrics : new MetricsConfig(null);
  }

  /**
   * A configuration without a metrics endpoint.
   *
   * @param general as above
   * @param messagedirector as above
   * @param extension as above
   * @param roles as above
   * @param plugins as above
   * @param ai as above
   * @param source as above
   */
  public ServerConfig(General general, MessageDirectorConfig messagedirector,
      ExtensionConfig extension, List<ObjectNode> roles, Map<String, JsonNode> plugins,
      AiConfig ai, Path source) {
    this(general, messagedirector, extension, roles, plugins, ai, null, source);
  }

  /**
   * The Prometheus endpoint (section {@code metrics}).
   *
   * @param bind {@code host:port} where {@code /metrics} is served over HTTP, without sign-in;
   *     empty (the default when the section is absent) for none. Keep it on loopback.
   */
  public record MetricsConfig(String bind) {
    /** Fills in defaults. */
    public MetricsConfig {
      bind = bind != null ? bind : "";
    }
  }

  /**
   * A configuration without an AI.
   *
   * @param general as above
   * @param messagedirector as above
   * @param extension as above
   * @param roles as above
   * @param plugins as above
   * @param source as above
   */
  public ServerConfig(General general, MessageDirectorConfig messagedirector,
      ExtensionConfig extension, List<ObjectNode> roles, Map<String, JsonNode> plugins,
      Path source) {
    this(general, messagedirector, extension, roles, plugins, null, null, source);
  }

  /**
   * The base AI (section {@code ai}): one district and its district-wide objects, run in this
   * process when enabled ({@code openttserver ai} runs it alone).
   *
   * @param enabled whether to run it; a file without the section runs none
   * @param districtName the district's name
   * @param channel the AI's channel
   * @param doIds the doIds of its objects (state server only: outside every DB-state server's
   *     ranges and the database's generate range)
   * @param tutorial what a new toon asking for the tutorial gets: {@code skip}
   * @param friendsChannel the AI channel of its FriendManager (whoever serves invitations and
   *     secret friends); absent means the extension's channel, where the friends plugin runs
   * @param magicWordAccess the lowest account access level allowed magic words
   */
  public record AiConfig(Boolean enabled, String districtName, Long channel, Range doIds,
      String tutorial, Long friendsChannel, Integer magicWordAccess) {
    /** No AI (a file without the section). */
    public static final AiConfig NONE = new AiConfig(false, null, null, null, null, null, null);

    /** Fills in defaults. */
    public AiConfig {
      enabled = enabled != null ? enabled : Boolean.TRUE;
      districtName = districtName != null ? districtName : "Toon Valley";
      channel = channel != null ? channel : 401000L;
      doIds = doIds != null ? doIds : new Range(400_000_000L, 400_999_999L);
      tutorial = tutorial != null ? tutorial : "skip";
      magicWordAccess = magicWordAccess != null ? magicWordAccess
          : org.openttserver.ai.AiSettings.DEFAULT_MAGIC_WORD_ACCESS;
    }

    /** A range of ids. @param min the first @param max the last */
    public record Range(Long min, Long max) {}
  }

  /**
   * Files and directories.
   *
   * @param dcFiles DC files in load order: the client's 2003 toon.dc first, then our additions
   * @param dcFallback used in place of the first DC file when it is missing, so the server starts
   *     without the user's files; empty for none
   * @param clientDcHash the DC hash clients must send at login; 0 means the 2003 hash of the
   *     first DC file as loaded (Astron's legacy hash of all of them when the first is in
   *     Astron's dialect)
   * @param dataDir where all state is kept
   * @param dcDialects the dialect of some of the DC files, by their name as in {@code dc_files}:
   *     {@code 2003}, {@code extended} or {@code astron}; the others are detected
   */
  public record General(List<String> dcFiles, String dcFallback, Long clientDcHash,
      String dataDir, Map<String, String> dcDialects) {
    /**
     * The keys without {@code dc_dialects}.
     *
     * @param dcFiles as above
     * @param dcFallback as above
     * @param clientDcHash as above
     * @param dataDir as above
     */
    public General(List<String> dcFiles, String dcFallback, Long clientDcHash, String dataDir) {
      this(dcFiles, dcFallback, clientDcHash, dataDir, null);
    }

    /** Fills in defaults. */
    public General {
      dcDialects = dcDialects != null ? Map.copyOf(dcDialects) : Map.of();
      dcFiles = dcFiles != null ? List.copyOf(dcFiles)
          : List.of("etc/toon.dc", "config/dc/openttserver.dc");
      dcFallback = dcFallback != null ? dcFallback : "config/dc/demo-toon.dc";
      clientDcHash = clientDcHash != null ? clientDcHash : 0L;
      dataDir = dataDir != null ? dataDir : "data";
    }
  }

  /**
   * The message director.
   *
   * @param bind {@code host:port} where the embedded director listens for Astron participants;
   *     empty to not listen; not used when {@code connect} is set without roles
   * @param connect {@code host:port} of another message director (Astron's or ours); empty (the
   *     default) for none. With roles, the embedded director runs downstream of it (subscriptions,
   *     post-removes and local traffic relayed up); without roles, the server joins it as a
   *     participant instead of running the embedded director
   * @param threaded accepted for Astron compatibility; routing here is always concurrent
   */
  public record MessageDirectorConfig(String bind, String connect, Boolean threaded) {
    /** Fills in defaults. */
    public MessageDirectorConfig {
      bind = bind != null ? bind : "127.0.0.1:7199";
      connect = connect != null ? connect : "";
      threaded = threaded != null ? threaded : Boolean.TRUE;
    }
  }

  /**
   * The extension that owns 2003-client logic.
   *
   * @param channel the channel client agents forward client messages to
   * @param pluginsDir where drop-in plugin jars are loaded from
   * @param handlerTimeoutMs how long a client message handler may take before the client is
   *     ejected
   * @param ejectClientsOnLoss eject every client (code 154) if the extension leaves the cluster
   * @param databaseChannel the database role's control channel plugins' bridges send to
   * @param stateserverChannel the state server's control channel plugins' bridges create on
   * @param bridgeTimeoutMs how long a bridge request (and a session's interest command) waits
   *     for its answer
   */
  public record ExtensionConfig(
      Long channel, String pluginsDir, Integer handlerTimeoutMs, Boolean ejectClientsOnLoss,
      Long databaseChannel, Long stateserverChannel, Integer bridgeTimeoutMs) {
    /** Fills in defaults. */
    public ExtensionConfig {
      channel = channel != null ? channel : 5536L;
      pluginsDir = pluginsDir != null ? pluginsDir : "plugins";
      handlerTimeoutMs = handlerTimeoutMs != null ? handlerTimeoutMs : 30_000;
      ejectClientsOnLoss = ejectClientsOnLoss != null ? ejectClientsOnLoss : Boolean.TRUE;
      databaseChannel = databaseChannel != null ? databaseChannel : 402001L;
      stateserverChannel = stateserverChannel != null ? stateserverChannel : 402000L;
      bridgeTimeoutMs = bridgeTimeoutMs != null ? bridgeTimeoutMs : 5_000;
    }

    /**
     * The first four keys, the bridge keys at their defaults.
     *
     * @param channel as above
     * @param pluginsDir as above
     * @param handlerTimeoutMs as above
     * @param ejectClientsOnLoss as above
     */
    public ExtensionConfig(Long channel, String pluginsDir, Integer handlerTimeoutMs,
        Boolean ejectClientsOnLoss) {
      this(channel, pluginsDir, handlerTimeoutMs, ejectClientsOnLoss, null, null, null);
    }

    /**
     * The bridge settings plugins get, checked.
     *
     * @param source the configuration file, for messages
     * @return the settings
     * @throws ConfigException naming the key of a bad value
     */
    public BridgeSettings bridgeSettings(Path source) {
      checkChannel(databaseChannel, "extension.database_channel", source);
      checkChannel(stateserverChannel, "extension.stateserver_channel", source);
      if (bridgeTimeoutMs <= 0) {
        throw new ConfigException(source + ": key 'extension.bridge_timeout_ms': expected a "
            + "positive number of milliseconds, got " + bridgeTimeoutMs);
      }
      return new BridgeSettings(databaseChannel, stateserverChannel,
          Duration.ofMillis(bridgeTimeoutMs));
    }

    private static void checkChannel(long value, String key, Path source) {
      if (value < 2) {
        throw new ConfigException(source + ": key '" + key + "': expected a channel of 2 or "
            + "more, got " + value);
      }
    }
  }
}
