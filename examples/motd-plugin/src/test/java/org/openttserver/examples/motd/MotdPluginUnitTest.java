package org.openttserver.examples.motd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.testclient.fakes.RecordingSession;
import org.openttserver.testkit.FakeAvatarPresence;
import org.openttserver.testkit.FakePluginContext;
import org.openttserver.testkit.Waits;

/** The plugin's logic against a fake context: no server, no sockets. */
class MotdPluginUnitTest {
  @TempDir Path dir;

  // tag::unit-test[]
  @Test
  void toonEnters_thenItsSessionGetsTheMessage_butNotOnceItLeftAgain() {
    FakeAvatarPresence presence = new FakeAvatarPresence();
    try (FakePluginContext ctx = new FakePluginContext("motd", dir).config("text: Hi!")) {
      ctx.services().provide(AvatarPresence.class, presence);
      MotdPlugin plugin = new MotdPlugin(ctx);
      plugin.start();
      RecordingSession flippy = ctx.connect(new RecordingSession(7, "flippy"));

      presence.enter(flippy, 100_000_001L);

      Waits.eventually("the message is sent", () -> !flippy.sent().isEmpty());
      assertThat(flippy.sent()).containsExactly(ObjectUpdateField.of(100_000_001L,
          ctx.dcFile().dclass("DistributedToon"), "setSystemMessage", 0L, "Hi!"));
      plugin.stop();
      assertThat(presence.enterListeners()).isZero();
    }
  }
  // end::unit-test[]

  @Test
  void toonLeavesBeforeTheDelay_thenNothingIsSent() throws Exception {
    FakeAvatarPresence presence = new FakeAvatarPresence();
    try (FakePluginContext ctx = new FakePluginContext("motd", dir)
        .config("text: Hi!\ndelay_ms: 200")) {
      ctx.services().provide(AvatarPresence.class, presence);
      MotdPlugin plugin = new MotdPlugin(ctx);
      plugin.start();
      RecordingSession flippy = ctx.connect(new RecordingSession(7, "flippy"));

      presence.enter(flippy, 100_000_001L);
      presence.leave(flippy);
      // A second toon entering after the first left: its message marks when the timers ran.
      RecordingSession other = ctx.connect(new RecordingSession(8, "other"));
      presence.enter(other, 100_000_002L);
      Waits.eventually("the second toon's message", () -> !other.sent().isEmpty());

      assertThat(flippy.sent()).isEmpty();
      plugin.stop();
    }
  }
}
