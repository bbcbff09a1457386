package org.openttserver.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.plugin.PluginConfig;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.MessageCodec;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.protocol.ServerBound;
import org.openttserver.api.service.Services;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientMessageHandler;
import org.openttserver.api.session.ClientMessages;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.ClientSessions;
import org.openttserver.runtime.dc.DcLoader;
import org.openttserver.runtime.plugin.RuntimePluginConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PluginContext} for unit tests of a plugin's logic, without a server or sockets: the
 * configuration section from YAML, a data directory of the test's, the demo DC files, services
 * the test provides (fakes of other plugins), sessions the test connects (usually {@link
 * org.openttserver.testclient.fakes.RecordingSession}s), and {@link #deliver} to hand a 2003
 * message to the handler the plugin claimed for it, encoded and decoded as the server does.
 *
 * <pre>{@code
 * try (FakePluginContext ctx = new FakePluginContext("motd", tempDir).config("text: Hi")) {
 *   ctx.services().provide(AvatarPresence.class, presence);
 *   new MotdPlugin(ctx).start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Timers run on a real thread of their own (closed with the context); the cluster and the
 * bridge are absent unless set ({@link #bridge(AstronBridge)}), and throw when used.
 */
public final class FakePluginContext implements PluginContext, AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String pluginId;
  private final Path dataDirectory;
  private final Logger logger;
  private final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "fake-plugin-timer");
    t.setDaemon(true);
    return t;
  });
  private final FakeServices services = new FakeServices();
  private final FakeMessages messages = new FakeMessages();
  private final FakeSessions sessions = new FakeSessions();
  private PluginConfig config;
  private DcLoader.Loaded dc;
  private AstronBridge bridge;

  /**
   * A context.
   *
   * @param pluginId the plugin's id
   * @param directory the test's directory; the data directory is {@code data/plugins/<id>} in it
   */
  public FakePluginContext(String pluginId, Path directory) {
    this.pluginId = pluginId;
    this.dataDirectory = directory.resolve("data/plugins").resolve(pluginId);
    this.logger = LoggerFactory.getLogger(pluginId);
    this.config = new RuntimePluginConfig(pluginId, null, Path.of("test.yml"));
    this.directory = directory;
  }

  private final Path directory;

  /**
   * Sets the configuration section ({@code plugins.<id>}).
   *
   * @param yaml the section's body, e.g. {@code "text: Hi\ndelay_ms: 10"}
   * @return this
   */
  public FakePluginContext config(String yaml) {
    try {
      JsonNode node = YAML.readTree(yaml);
      config = new RuntimePluginConfig(pluginId, node, Path.of("test.yml"));
    } catch (IOException e) {
      throw new IllegalArgumentException("not YAML: " + yaml, e);
    }
    return this;
  }

  /**
   * Sets the bridge the plugin gets (e.g. one over a fake cluster).
   *
   * @param bridge the bridge
   * @return this
   */
  public FakePluginContext bridge(AstronBridge bridge) {
    this.bridge = bridge;
    return this;
  }

  /**
   * Hands a message to the handler the plugin claimed for its type, as the server does (the
   * record encoded, then decoded by the claim).
   *
   * @param session the sending client
   * @param message the message
   * @param <M> the record
   * @return what the handler returned (null when it was done at once)
   * @throws AssertionError if nobody claimed the type
   * @throws Exception what the handler threw
   */
  public <M extends ServerBound> CompletionStage<?> deliver(ClientSession session, M message)
      throws Exception {
    @SuppressWarnings("unchecked")
    MessageCodec<M> codec = (MessageCodec<M>) Protocol2003.codec(message.getClass());
    ClientMessageHandler handler = messages.handlers.get(codec.type());
    if (handler == null) {
      throw new AssertionError("no handler claims " + message.getClass().getSimpleName());
    }
    byte[] body = codec.encode(message);
    return handler.handle(session, new DatagramReader(body, 2, body.length - 2));
  }

  /**
   * Connects a session: {@link ClientSessions#onConnect} listeners are told.
   *
   * @param session the session
   * @param <S> its type
   * @return the session
   */
  public <S extends ClientSession> S connect(S session) {
    sessions.all.add(session);
    sessions.connects.forEach(l -> l.accept(session));
    return session;
  }

  /**
   * Disconnects a session: {@link ClientSessions#onDisconnect} listeners are told.
   *
   * @param session the session
   */
  public void disconnect(ClientSession session) {
    sessions.all.remove(session);
    sessions.disconnects.forEach(l -> l.accept(session));
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public PluginConfig config() {
    return config;
  }

  @Override
  public Path dataDirectory() {
    try {
      return Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ClusterParticipant cluster() {
    throw new UnsupportedOperationException("a FakePluginContext has no cluster");
  }

  @Override
  public AstronBridge bridge() {
    if (bridge == null) {
      throw new UnsupportedOperationException("no bridge: set one with bridge(...)");
    }
    return bridge;
  }

  @Override
  public long extensionChannel() {
    return 5536;
  }

  @Override
  public synchronized DcFile dcFile() {
    if (dc == null) {
      try {
        Path dir = Files.createDirectories(directory.resolve("config/dc"));
        for (String name : List.of("demo-toon.dc", "openttserver.dc")) {
          try (InputStream in = FakePluginContext.class.getResourceAsStream("dc/" + name)) {
            Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
        dc = DcLoader.load(List.of(dir.resolve("demo-toon.dc"), dir.resolve("openttserver.dc")),
            null, Path.of("test.yml"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dc.file();
  }

  @Override
  public long clientDcHash() {
    dcFile();
    return dc.clientHash();
  }

  @Override
  public ClientSessions sessions() {
    return sessions;
  }

  @Override
  public ClientMessages clientMessages() {
    return messages;
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public Services services() {
    return services;
  }

  /** Stops the timer thread. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private static final class FakeServices implements Services {
    private final Map<Class<?>, Object> provided = new ConcurrentHashMap<>();

    @Override
    public <T> Registration provide(Class<T> type, T implementation) {
      if (!type.isInterface()) {
        throw new IllegalArgumentException(type.getName() + " is not an interface");
      }
      if (provided.putIfAbsent(type, implementation) != null) {
        throw new IllegalStateException(type.getName() + " is provided already");
      }
      return () -> provided.remove(type, implementation);
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
      return Optional.ofNullable(type.cast(provided.get(type)));
    }
  }

  private static final class FakeMessages implements ClientMessages {
    private final Map<Integer, ClientMessageHandler> handlers = new ConcurrentHashMap<>();

    @Override
    public Registration register(int msgType, Access access, ClientMessageHandler handler) {
      if (handlers.putIfAbsent(msgType, handler) != null) {
        throw new IllegalStateException("message type " + msgType + " is claimed already");
      }
      return () -> handlers.remove(msgType, handler);
    }

    @Override
    public ClientMessages asFallback() {
      return this;
    }
  }

  private static final class FakeSessions implements ClientSessions {
    private final List<ClientSession> all = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClientSession>> connects = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClientSession>> disconnects = new CopyOnWriteArrayList<>();

    @Override
    public Optional<ClientSession> byConnection(long connectionChannel) {
      return all.stream().filter(s -> s.connectionChannel() == connectionChannel).findFirst();
    }

    @Override
    public Optional<ClientSession> byAccount(long accountId) {
      return all.stream().filter(s -> s.accountId() == accountId).findFirst();
    }

    @Override
    public Collection<ClientSession> all() {
      return List.copyOf(all);
    }

    @Override
    public Registration onConnect(Consumer<ClientSession> listener) {
      connects.add(listener);
      return () -> connects.remove(listener);
    }

    @Override
    public Registration onDisconnect(Consumer<ClientSession> listener) {
      disconnects.add(listener);
      return () -> disconnects.remove(listener);
    }
  }
}
