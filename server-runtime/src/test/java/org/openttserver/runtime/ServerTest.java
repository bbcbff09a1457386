package org.openttserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.runtime.config.ServerConfig;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.runtime.testing.TestServers;

class ServerTest {
  @TempDir Path work;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void tearDown() {
    timers.shutdownNow();
    pool.shutdownNow();
  }

  private static ServerConfig config(String bind, boolean ejectOnLoss) {
    return new ServerConfig(TestServers.general(), new ServerConfig.MessageDirectorConfig(bind, null, null),
        new ServerConfig.ExtensionConfig(null, null, null, ejectOnLoss), null, Map.of(),
        Path.of("test.yml"));
  }

  @Test
  void close_whenEjectClientsOnLoss_thenEveryClientEjectedWith154() throws Exception {
    Server server = Server.start(config("", true), work, List.of());
    // The client agent outlives the server, so it runs on its own threads.
    FakeClientAgent ca = new FakeClientAgent(
        new LocalParticipant(server.messageDirector(), "client-agent", pool, timers));
    FakeClientAgent.Connection all = ca.attach(Channels.ALL_CLIENTS);

    server.close();

    FakeClientAgent.Eject eject = all.nextEject();
    assertThat(eject.code()).isEqualTo(BootCode.SERVER_MAINTENANCE);
    ca.close();
  }

  @Test
  void start_whenBindIsEphemeralPort_thenListensOnLoopback() throws Exception {
    try (Server server = Server.start(config("127.0.0.1:0", false), work, List.of())) {
      assertThat(server.mdAddress()).isNotNull();
      assertThat(server.mdAddress().getPort()).isPositive();
      assertThat(server.extension().channel()).isEqualTo(Channels.DEFAULT_EXTENSION);
    }
  }

  @Test
  void start_whenBindEmpty_thenNoListener() throws Exception {
    try (Server server = Server.start(config("", false), work, List.of())) {
      assertThat(server.mdAddress()).isNull();
    }
  }
}
