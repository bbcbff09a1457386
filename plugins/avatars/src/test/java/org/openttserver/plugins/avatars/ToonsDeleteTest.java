package org.openttserver.plugins.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.bridge.FieldValues;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** DELETE_AVATAR's order of writes, on a fake database that logs every call. */
class ToonsDeleteTest {
  @TempDir Path dir;

  private Toons toons(FakeCluster c) {
    return new Toons(c.db, c.live, c.dc, new NameStore.ToonFields(),
        new Journal(dir.resolve("avatars.journal")), LoggerFactory.getLogger("test"));
  }

  @Test
  void delete_cleansFriendsFirst_thenReleasesTheSlot_thenDeletesTheToon() throws Exception {
    FakeCluster c = new FakeCluster();
    long friend = c.newToon("Pal", List.of());
    long gone = c.newToon("Owner", List.of(List.of(friend, 0L)));
    c.db.set(friend, FieldValues.builder(c.toon)
        .set("setFriendsList", List.of(List.of(gone, 1L))).build()).join();
    long account = c.newAccount("Owner", gone);
    c.log.clear();

    assertThat(toons(c).delete(account, gone)).succeedsWithin(Duration.ofSeconds(5))
        .matches(s -> s.isPresent() && s.get().indexOf(gone) < 0);

    assertThat(c.log).containsExactly(
        "set-if-equals " + friend + " [setFriendsList] ok",
        "set-if-equals " + account + " [setAvatarSlots] ok",
        "delete " + gone);
    assertThat(c.field(friend, "setFriendsList").get("setFriendsList").get(0))
        .isEqualTo(List.of());
  }

  @Test
  void delete_withAFriendInTheWorld_thenItsLiveListIsChangedAndCheckedBeforeTheSlotIsReleased()
      throws Exception {
    FakeCluster c = new FakeCluster();
    long friend = c.newToon("Pal", List.of());
    long gone = c.newToon("Owner", List.of(List.of(friend, 0L)));
    c.liveFields.put(friend, FieldValues.builder(c.toon)
        .set("setFriendsList", List.of(List.of(gone, 1L))).build());
    long account = c.newAccount("Owner", gone);
    c.log.clear();

    assertThat(toons(c).delete(account, gone)).succeedsWithin(Duration.ofSeconds(5));

    assertThat(c.log).containsExactly(
        "live-set " + friend + " [setFriendsList]",
        "set-if-equals " + account + " [setAvatarSlots] ok",
        "delete " + gone);
    assertThat(c.liveFields.get(friend).get("setFriendsList").get(0)).isEqualTo(List.of());
  }

  @Test
  void delete_whenTheDbssDoesNotWriteTheFriendsListThrough_thenFails_andNothingIsReleased()
      throws Exception {
    FakeCluster c = new FakeCluster();
    long friend = c.newToon("Pal", List.of(List.of(0L, 0L)));
    long gone = c.newToon("Owner", List.of(List.of(friend, 0L)));
    c.db.set(friend, FieldValues.builder(c.toon)
        .set("setFriendsList", List.of(List.of(gone, 1L))).build()).join();
    c.liveFields.put(friend, FieldValues.builder(c.toon)
        .set("setFriendsList", List.of(List.of(gone, 1L))).build());
    c.live.writeThrough = false;
    long account = c.newAccount("Owner", gone);
    c.log.clear();

    assertThat(toons(c).delete(account, gone)).failsWithin(Duration.ofSeconds(10));

    assertThat(c.log).containsExactly("live-set " + friend + " [setFriendsList]");
    assertThat(c.stored).containsKey(gone);
  }

  @Test
  void delete_whenAFriendCannotBeCleaned_thenFails_andNothingIsReleasedOrDeleted()
      throws Exception {
    FakeCluster c = new FakeCluster();
    long friend = c.newToon("Pal", List.of());
    long gone = c.newToon("Owner", List.of(List.of(friend, 0L)));
    long account = c.newAccount("Owner", gone);
    c.failingReads.add(friend);
    c.log.clear();

    assertThat(toons(c).delete(account, gone)).failsWithin(Duration.ofSeconds(5));

    assertThat(c.log).isEmpty();
    assertThat(c.stored).containsKey(gone);
    assertThat(c.field(account, "setAvatarSlots").get("setAvatarSlots").get(0))
        .isEqualTo(List.of(gone, 0L, 0L, 0L, 0L, 0L));
  }
}
