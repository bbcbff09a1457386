package org.openttserver.plugins.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.protocol.GetAvatarDetails;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.SetAvatar;
import org.slf4j.LoggerFactory;

/** The handlers on a fake database and DBSS, where timing matters or a failure is needed. */
class AvatarHandlersTest {
  @TempDir Path dir;
  private FakeCluster c;
  private AvatarHandlers h;
  private FakeSession owner;
  private long toon;

  @BeforeEach
  void setUp() throws Exception {
    c = new FakeCluster();
    Toons toons = new Toons(c.db, c.live, c.dc, new NameStore.ToonFields(),
        new Journal(dir.resolve("avatars.journal")), LoggerFactory.getLogger("test"));
    h = new AvatarHandlers(toons, c.live, true, LoggerFactory.getLogger("test"));
    toon = c.newToon("OwnerLogin", List.of());
    owner = new FakeSession(c.newAccount("OwnerLogin", toon), "OwnerLogin");
  }

  private static CompletableFuture<?> f(CompletionStage<?> stage) {
    return stage.toCompletableFuture();
  }

  private String accountNameIn(GetAvatarDetailsResp d) {
    return (String) d.fields(c.toon).stream().filter(v -> v.field().name()
        .equals("setAccountName")).findFirst().map(DcFieldValue::values).orElseThrow().get(0);
  }

  @Test
  void details_ofAnotherAccountsToon_hideTheLoginName_ownToonShowsIt() {
    FakeSession other = new FakeSession(c.newAccount("Stranger"), "Stranger");
    assertThat(f(h.getAvatarDetails(other, new GetAvatarDetails(toon))))
        .succeedsWithin(Duration.ofSeconds(5));
    GetAvatarDetailsResp d = (GetAvatarDetailsResp) other.sent.get(0);
    assertThat(d.returnCode()).isZero();
    assertThat(accountNameIn(d)).isEqualTo("unknown");

    assertThat(f(h.getAvatarDetails(owner, new GetAvatarDetails(toon))))
        .succeedsWithin(Duration.ofSeconds(5));
    assertThat(accountNameIn((GetAvatarDetailsResp) owner.sent.get(0))).isEqualTo("OwnerLogin");
  }

  @Test
  void details_whenTheDatabaseDoesNotAnswer_thenNoInformationCode_notAnEjection() {
    c.failingReads.add(toon);
    assertThat(f(h.getAvatarDetails(owner, new GetAvatarDetails(toon))))
        .succeedsWithin(Duration.ofSeconds(5));
    assertThat(owner.sent).containsExactly(
        GetAvatarDetailsResp.refused(toon, AvatarHandlers.NO_DETAILS));
  }

  @Test
  void setAvatar_whenTheSessionLeavesDuringActivation_thenNothingSent_andTheToonGoesAgain() {
    c.live.holdActivations = true;
    CompletableFuture<?> done = f(h.setAvatar(owner, new SetAvatar(toon)));
    assertThat(c.live.activations).hasSize(1);
    // A re-login (onLogout) lands before the DBSS answered the activation.
    h.leave(owner);
    assertThat(c.log).containsExactly("activate " + toon, "delete-ram " + toon);
    c.live.activations.get(0).complete(null);

    assertThat(done).succeedsWithin(Duration.ofSeconds(5));
    assertThat(owner.sent).isEmpty();
    assertThat(owner.commands).doesNotContain(AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT, -1);
    assertThat(c.log).endsWith("delete-ram " + toon);
    assertThat(owner.get(AvatarHandlers.ACTIVE)).isEmpty();
  }

  @Test
  void setAvatar_whenDisconnectedDuringActivation_thenNothingSent_andTheToonGoesAgain() {
    c.live.holdActivations = true;
    CompletableFuture<?> done = f(h.setAvatar(owner, new SetAvatar(toon)));
    owner.connected = false;
    h.leave(owner); // onDisconnect
    c.live.activations.get(0).complete(null);

    assertThat(done).succeedsWithin(Duration.ofSeconds(5));
    assertThat(owner.sent).isEmpty();
    assertThat(owner.commands).doesNotContain(AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT, -1);
    assertThat(c.log).endsWith("delete-ram " + toon);
  }

  @Test
  void setAvatar_ownToon_thenSessionObject_channel_clientId_and15() {
    assertThat(f(h.setAvatar(owner, new SetAvatar(toon)))).succeedsWithin(Duration.ofSeconds(5));
    assertThat(owner.sent).hasSize(1);
    assertThat(((GetAvatarDetailsResp) owner.sent.get(0)).avatarId()).isEqualTo(toon);
    assertThat(owner.commands).contains(AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT, -1);
    assertThat(owner.clientId()).isEqualTo(owner.accountId() << 32 | toon);
    assertThat(c.log).containsExactly("activate " + toon, "set-owner " + toon);
  }
}
