package org.openttserver.runtime.clientagent;

import java.util.List;

/**
 * A {@code type: clientagent} role entry. Keys are Astron's; {@code client.type} must be
 * {@code toontown2003}, the 2003 client type that forwards game logic to the extension.
 *
 * @param bind {@code host:port} for 2003 clients
 * @param version accepted for Astron compatibility; the extension checks versions at login
 * @param manualDcHash accepted for Astron compatibility; the extension checks the hash at login
 * @param channels the connection channels to allocate, one per client
 * @param client the client type's settings
 * @param tuning interest timing
 * @param limits what the front door admits (not an Astron key: Astron has no such limits)
 */
public record ClientAgentConfig(String bind, String version, Long manualDcHash,
    ChannelRange channels, Client client, Tuning tuning, Limits limits) {

  /** Fills in defaults. */
  public ClientAgentConfig {
    bind = bind != null ? bind : "0.0.0.0:5150";
    client = client != null ? client : new Client(null, null, null, null, null, null, null, null,
        null, null, null);
    tuning = tuning != null ? tuning : new Tuning(null);
    limits = limits != null ? limits : new Limits(null, null, null, null, null);
  }

  /**
   * A configuration with the default limits.
   *
   * @param bind see the record
   * @param version see the record
   * @param manualDcHash see the record
   * @param channels see the record
   * @param client see the record
   * @param tuning see the record
   */
  public ClientAgentConfig(String bind, String version, Long manualDcHash, ChannelRange channels,
      Client client, Tuning tuning) {
    this(bind, version, manualDcHash, channels, client, tuning, null);
  }

  /**
   * {@return how many bytes may wait for one client before it is dropped as falling behind
   * (four write buffers), or {@link Long#MAX_VALUE} when {@code write_buffer_size} is 0}
   */
  public long backlogLimit() {
    int size = client.writeBufferSize();
    return size == 0 ? Long.MAX_VALUE : 4L * size;
  }

  /**
   * The front door's limits. A refused connection gets GO_GET_LOST with the code and a reason,
   * and is closed; refusals are logged at most once per address every 10 seconds.
   *
   * @param loginTimeout ms a connection may stay without logging in (heartbeats do not extend
   *     it) before GO_GET_LOST {@code 350}; 0 = no limit. Default 600000 (10 minutes): the 2003
   *     client connects before it shows its login screen, so the deadline includes a person
   *     typing, or creating an account on the account server, while connected
   * @param maxConnections connections at once, logged in or not; default 10000. When full, a
   *     new connection takes the place of one that has not logged in (the oldest of the address
   *     with the most such connections, which gets {@code 351}); with every connection logged in,
   *     the new one gets {@code 351}
   * @param maxAnonymousPerAddress connections from one IP address that have not logged in yet,
   *     before the next one from it gets {@code 351}; default 50 (a LAN party behind one address
   *     still fits)
   * @param connectsPerSecondPerAddress new connections one IP address may open per second
   *     before the next gets {@code 352}, with bursts up to this number or {@code
   *     maxAnonymousPerAddress}, whichever is larger (a LAN party reconnecting at once after a
   *     restart fits); 0 = no limit. Default 20
   * @param reservedFileDescriptors file descriptors kept for the rest of the server (the account
   *     server, the database, plugin files, links to AIs): connections are also capped at the
   *     process's open-file limit minus those open when the client agent starts minus this, so
   *     the server is full before it runs out of descriptors; 0 = no such cap. Default 128
   */
  public record Limits(Integer loginTimeout, Integer maxConnections,
      Integer maxAnonymousPerAddress, Integer connectsPerSecondPerAddress,
      Integer reservedFileDescriptors) {
    /** Fills in defaults. */
    public Limits {
      loginTimeout = loginTimeout != null ? loginTimeout : 600_000;
      maxConnections = maxConnections != null ? maxConnections : 10_000;
      maxAnonymousPerAddress = maxAnonymousPerAddress != null ? maxAnonymousPerAddress : 50;
      connectsPerSecondPerAddress = connectsPerSecondPerAddress != null
          ? connectsPerSecondPerAddress : 20;
      reservedFileDescriptors = reservedFileDescriptors != null ? reservedFileDescriptors : 128;
    }
  }

  /**
   * The connection channels.
   *
   * @param min first channel
   * @param max last channel
   */
  public record ChannelRange(Long min, Long max) {}

  /**
   * The {@code toontown2003} client type.
   *
   * @param type must be {@code toontown2003}
   * @param extension the extension channel (default 5536)
   * @param heartbeatTimeout ms without a heartbeat before the client is ejected (0 = never)
   * @param writeBufferSize bytes queued to a slow client before writes count as stalled; 0 means
   *     no limit, as in Astron: a client that keeps sending heartbeats but stops reading can then
   *     make the server hold what it is sent without bound (keep a size on a public server)
   * @param writeTimeoutMs how long writes may stay stalled before the client is dropped; 0 = no
   *     time-out, as in Astron
   * @param notifyConnect announce new connections to the extension (1300)
   * @param divertFields Astron field ids whose client updates go to the extension instead
   * @param maxMessageSize the largest client message accepted, in bytes
   * @param messagesPerSecond sustained client messages per second before an eject
   * @param messageBurst how many messages may arrive at once above that rate
   * @param senderIdFields names of client-sent fields whose first argument must be the sending
   *     client's avatar (the 2003 game's whisper, teleport and SOS fields unless set; [] for none)
   */
  public record Client(String type, Long extension, Integer heartbeatTimeout,
      Integer writeBufferSize, Integer writeTimeoutMs, Boolean notifyConnect,
      List<Integer> divertFields, Integer maxMessageSize, Integer messagesPerSecond,
      Integer messageBurst, List<String> senderIdFields) {
    /** Fills in defaults. */
    public Client {
      type = type != null ? type : "toontown2003";
      extension = extension != null ? extension : 5536L;
      heartbeatTimeout = heartbeatTimeout != null ? heartbeatTimeout : 60_000;
      writeBufferSize = writeBufferSize != null ? writeBufferSize : 256 * 1024;
      writeTimeoutMs = writeTimeoutMs != null ? writeTimeoutMs : 5_000;
      notifyConnect = notifyConnect != null ? notifyConnect : Boolean.TRUE;
      divertFields = divertFields != null ? List.copyOf(divertFields) : List.of();
      maxMessageSize = maxMessageSize != null ? maxMessageSize : 0xFFFF;
      messagesPerSecond = messagesPerSecond != null ? messagesPerSecond : 100;
      messageBurst = messageBurst != null ? messageBurst : 300;
      senderIdFields = senderIdFields != null ? List.copyOf(senderIdFields)
          : SenderIdFields.DEFAULT;
    }
  }

  /**
   * Interest timing.
   *
   * @param interestTimeout ms of silence after which an interest snapshot completes with what
   *     arrived (it never completes early while replies keep coming)
   */
  public record Tuning(Integer interestTimeout) {
    /** Fills in defaults. */
    public Tuning {
      interestTimeout = interestTimeout != null ? interestTimeout : 500;
    }
  }
}
