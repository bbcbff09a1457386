package org.openttserver.plugins.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.SetAvatar;
import org.slf4j.LoggerFactory;

/** AvatarPresence as the handlers drive it: enter after the details, one leave per enter. */
class PresenceTest {
  @TempDir Path dir;
  private FakeCluster c;
  private AvatarHandlers h;
  private Presence presence;
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    c = new FakeCluster();
    Toons toons = new Toons(c.db, c.live, c.dc, new NameStore.ToonFields(),
        new Journal(dir.resolve("avatars.journal")), LoggerFactory.getLogger("test"));
    presence = new Presence(LoggerFactory.getLogger("test"));
    h = new AvatarHandlers(toons, c.live, true, LoggerFactory.getLogger("test"), presence);
    presence.onEnter((s, id) -> events.add("enter " + id + " " + s.accountName()));
    presence.onLeave((s, id) -> events.add("leave " + id + " " + s.accountName()
        + (c.log.contains("delete-ram " + id) ? "" : " (still in the world)")));
  }

  private FakeSession owning(String name, long... toons) {
    return new FakeSession(c.newAccount(name, toons), name);
  }

  private void play(FakeSession s, long toon) {
    assertThat(h.setAvatar(s, new SetAvatar(toon)).toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(5));
  }

  @Test
  void setAvatar_entersAfterTheDetails_andSetAvatarZero_leavesWhileTheToonIsStillThere() {
    long toon = c.newToon("Flippy", List.of());
    FakeSession s = owning("Flippy", toon);
    play(s, toon);
    assertThat(s.sent).hasSize(1); // the details went out before listeners were told
    assertThat(presence.activeAvatar(s)).hasValue(toon);
    assertThat(presence.sessionOf(toon)).containsSame(s);

    h.setAvatar(s, new SetAvatar(0));
    h.leave(s); // a disconnect afterwards: no second leave
    assertThat(events).containsExactly("enter " + toon + " Flippy",
        "leave " + toon + " Flippy (still in the world)");
    assertThat(presence.activeAvatar(s)).isEmpty();
    assertThat(presence.sessionOf(toon)).isEmpty();
  }

  @Test
  void anotherToon_leavesTheFirstBeforeEnteringTheSecond() {
    long first = c.newToon("Two", List.of());
    long second = c.newToon("Two", List.of());
    FakeSession s = owning("Two", first, second);
    play(s, first);
    play(s, second);
    assertThat(events).containsExactly("enter " + first + " Two",
        "leave " + first + " Two (still in the world)", "enter " + second + " Two");
  }

  @Test
  void aToonThatNeverFinishedEntering_neverLeaves() {
    long toon = c.newToon("Quick", List.of());
    FakeSession s = owning("Quick", toon);
    s.connected = false; // gone before the activation ended
    play(s, toon);
    h.leave(s);
    assertThat(events).isEmpty();
    assertThat(presence.activeAvatar(s)).isEmpty();
  }

  @Test
  void aFailingListener_doesNotStopTheOthers() {
    presence.onEnter((s, id) -> {
      throw new IllegalStateException("boom");
    });
    List<Long> later = new ArrayList<>();
    presence.onEnter((s, id) -> later.add(id));
    long toon = c.newToon("Sturdy", List.of());
    FakeSession s = owning("Sturdy", toon);
    play(s, toon);
    assertThat(later).containsExactly(toon);
  }
}
