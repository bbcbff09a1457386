package org.openttserver.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.GetShardListResp;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.testclient.fakes.RecordingSession;

class FakePluginContextTest {
  @TempDir Path dir;

  /** A section of a plugin's. @param answer a number */
  public record Section(Integer answer) {}

  @Test
  void deliver_handsTheMessageToTheClaimedHandler() throws Exception {
    try (FakePluginContext ctx = new FakePluginContext("hello", dir)) {
      new HelloPlugin(ctx).start();
      RecordingSession s = ctx.connect(new RecordingSession(1, "a"));

      assertThat(ctx.deliver(s, new GetShardList())).isNull();
      assertThat(s.sent()).containsExactly(new GetShardListResp(List.of(
          new GetShardListResp.Shard(402000000L, HelloPlugin.NAME, 7))));
      assertThatThrownBy(() -> ctx.deliver(s, new SetZone(2000)))
          .isInstanceOf(AssertionError.class).hasMessageContaining("SetZone");
    }
  }

  @Test
  void config_bindsAsTheServerDoes() {
    try (FakePluginContext ctx = new FakePluginContext("p", dir)) {
      assertThat(ctx.config("answer: 42").config().bind(Section.class).answer()).isEqualTo(42);
      assertThat(ctx.config("enabled: false").config().enabled()).isFalse();
      assertThatThrownBy(() -> ctx.config("answr: 42").config().bind(Section.class))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plugins.p.answr");
      assertThat(ctx.dataDirectory()).isEqualTo(dir.resolve("data/plugins/p")).isDirectory();
      assertThat(ctx.dcFile().dclass("DistributedToon")).isNotNull();
    }
  }
}
