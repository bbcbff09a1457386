package org.openttserver.it.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePattern.Part;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.openttserver.api.service.NameReview.PendingName;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * SET_NAME_PATTERN (67 → 68) and SET_WISHNAME (70 → 71) from a scripted 2003 client over
 * loopback, with the names plugin reading a small name list of our own and a test-only avatars
 * plugin; review through the NameReview service.
 */
class NamesFlowTest {
  static final int U = 0xFFFF;
  static final String LIST = """
      # a small list of our own, in the NameMaster format
      1*0*Sir
      2*1*Dame
      3*2*Chief
      10*3*Rolo
      11*4*Mina
      12*5*Von
      20*6*Mac
      21*7*Mac
      22*7*Bumble
      30*8*pants
      31*8*wick
      """;

  @TempDir static Path dir;
  static NamesCluster cluster;
  static int accounts;

  @BeforeAll
  static void start() throws Exception {
    Path list = dir.resolve("names.txt");
    Files.writeString(list, LIST);
    cluster = NamesCluster.start(dir, true, "    name_master: [" + dir.resolve("missing.txt")
        + ", " + list + "]\n    blocked_words: [grumpus]\n");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** A client logged in as a fresh account; {@code toons[0]} is a boy, {@code toons[1]} a girl. */
  record Player(ScriptedClient client, long accountId, List<AvatarInfo> toons)
      implements AutoCloseable {
    long boy() {
      return toons.get(0).avatarId();
    }

    long girl() {
      return toons.get(1).avatarId();
    }

    @Override
    public void close() {
      client.close();
    }
  }

  static synchronized Player player() throws Exception {
    ScriptedClient c = cluster.client();
    long account = cluster.login(c, "Namer" + (++accounts));
    return new Player(c, account, cluster.toons(account));
  }

  static List<Part> parts(int... v) {
    return List.of(new Part(v[0], v[1]), new Part(v[2], v[3]), new Part(v[4], v[5]),
        new Part(v[6], v[7]));
  }

  @Test
  void pattern_whenBoyPicksTitleFirstAndCapitalisingLast_thenAnswer0AndNameFinal()
      throws Exception {
    try (Player p = player()) {
      p.client().send(new SetNamePattern(p.boy(), parts(1, 1, 10, 1, 20, 1, 30, 1)));
      assertThat(p.client().expect(SetNamePatternAnswer.class))
          .isEqualTo(new SetNamePatternAnswer(p.boy(), 0));
      AvatarInfo t = cluster.toon(p.boy());
      assertThat(t.name()).isEqualTo("Sir Rolo MacPants");
      assertThat(t.nameState()).isEqualTo(NameState.LOCKED);

      // Final now: a second name is refused and the first stays.
      p.client().send(new SetNamePattern(p.boy(), parts(U, 1, 10, 1, U, 1, U, 0)));
      assertThat(p.client().expect(SetNamePatternAnswer.class).returnCode()).isEqualTo(1);
      assertThat(cluster.toon(p.boy()).name()).isEqualTo("Sir Rolo MacPants");
    }
  }

  @Test
  void pattern_whenGirlPicksVonAfterTitle_thenLowerCaseVon() throws Exception {
    try (Player p = player()) {
      p.client().send(new SetNamePattern(p.girl(), parts(2, 1, 12, 0, 22, 1, 31, 0)));
      assertThat(p.client().expect(SetNamePatternAnswer.class).returnCode()).isZero();
      assertThat(cluster.toon(p.girl()).name()).isEqualTo("Dame von Bumblewick");
    }
  }

  @Test
  void pattern_whenImpossibleForTheClient_thenCode1AndNothingStored() throws Exception {
    try (Player p = player()) {
      List<List<Part>> bad = List.of(
          parts(1, 1, 11, 1, U, 1, U, 0), // a boy title for a girl
          parts(U, 1, 999, 1, U, 1, U, 0), // no such id
          parts(1, 1, U, 1, U, 1, U, 0), // a title alone
          parts(U, 1, 11, 1, 22, 1, 31, 1)); // a capital after a plain prefix
      for (List<Part> pattern : bad) {
        p.client().send(new SetNamePattern(p.girl(), pattern));
        assertThat(p.client().expect(SetNamePatternAnswer.class))
            .as("%s", pattern).isEqualTo(new SetNamePatternAnswer(p.girl(), 1));
      }
      AvatarInfo t = cluster.toon(p.girl());
      assertThat(t.name()).isEqualTo("Blue Cat");
      assertThat(t.nameState()).isEqualTo(NameState.OPEN);
    }
  }

  @Test
  void pattern_whenAnotherAccountsToon_thenCode1AndItKeepsItsName() throws Exception {
    try (Player victim = player(); Player p = player()) {
      p.client().send(new SetNamePattern(victim.boy(), parts(U, 1, 10, 1, U, 1, U, 0)));
      assertThat(p.client().expect(SetNamePatternAnswer.class))
          .isEqualTo(new SetNamePatternAnswer(victim.boy(), 1));
      assertThat(cluster.toon(victim.boy()).name()).isEqualTo("Red Dog");
    }
  }

  @Test
  void pattern_whenTruncatedOrTrailingByte_thenGoGetLost() throws Exception {
    try (Player p = player()) {
      p.client().send(ClientMsg.SET_NAME_PATTERN, w -> w.u32(p.boy()).u16(1).u16(1));
      p.client().expectGoGetLost(BootCode.TRUNCATED_DATAGRAM);
    }
    try (Player p = player()) {
      p.client().send(ClientMsg.SET_NAME_PATTERN, w -> w.u32(p.boy()).u16(U).u16(1).u16(10)
          .u16(1).u16(U).u16(1).u16(U).u16(0).u8(0));
      p.client().expectGoGetLost(BootCode.OVERSIZED_DATAGRAM);
      assertThat(cluster.toon(p.boy()).nameState()).isEqualTo(NameState.OPEN);
    }
  }

  @Test
  void namingMessages_whenNotLoggedIn_thenGoGetLost113() {
    try (ScriptedClient c = cluster.client()) {
      c.send(new SetWishName(300_000_000L, "Flippy Doodle"));
      c.expectGoGetLost(BootCode.ANONYMOUS_VIOLATION);
    }
  }

  @Test
  void wish_whenTyped_thenPendingUntilReviewApproves() throws Exception {
    try (Player p = player()) {
      p.client().send(new SetWishName(p.boy(), "Flippy Doodle"));
      assertThat(p.client().expect(SetWishNameResp.class))
          .isEqualTo(SetWishNameResp.pending(p.boy(), "Flippy Doodle"));
      AvatarInfo waiting = cluster.toon(p.boy());
      assertThat(waiting.nameState()).isEqualTo(NameState.PENDING);
      assertThat(waiting.wishName()).isEqualTo("Flippy Doodle");
      assertThat(waiting.name()).isEqualTo("Red Dog");
      assertThat(cluster.review().pending().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .extracting(PendingName::avatarId).contains(p.boy());

      assertThat(cluster.review().approve(p.boy()).toCompletableFuture()
          .get(5, TimeUnit.SECONDS)).isTrue();
      AvatarInfo approved = cluster.toon(p.boy());
      assertThat(approved.nameState()).isEqualTo(NameState.APPROVED);
      assertThat(approved.wishName()).isEqualTo("Flippy Doodle");
      assertThat(cluster.review().pending().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .extracting(PendingName::avatarId).doesNotContain(p.boy());
    }
  }

  @Test
  void wish_whenReviewRejects_thenRejectedAndTheToonMayTypeAgain() throws Exception {
    try (Player p = player()) {
      p.client().send(new SetWishName(p.girl(), "Mina Quill"));
      assertThat(p.client().expect(SetWishNameResp.class).pending()).isEqualTo("Mina Quill");
      assertThat(cluster.review().reject(p.girl()).toCompletableFuture()
          .get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(cluster.toon(p.girl()).nameState()).isEqualTo(NameState.REJECTED);

      p.client().send(new SetWishName(p.girl(), "Mina Quillby"));
      assertThat(p.client().expect(SetWishNameResp.class))
          .isEqualTo(SetWishNameResp.pending(p.girl(), "Mina Quillby"));
    }
  }

  @Test
  void wish_whenBreaksTheClientsRulesOrTooLong_thenCode1AndNothingStored() throws Exception {
    try (Player p = player()) {
      for (String bad : List.of("R2D2", "FLIPPY", "Flip--py", "A", "Aa Bb Cc Dd Ee",
          "Flippy".repeat(10), "Flip\u0000py")) {
        p.client().send(new SetWishName(p.boy(), bad));
        assertThat(p.client().expect(SetWishNameResp.class)).as(bad)
            .isEqualTo(SetWishNameResp.refused(p.boy(), 1));
      }
      assertThat(cluster.toon(p.boy()).nameState()).isEqualTo(NameState.OPEN);
    }
  }

  @Test
  void wish_whenLatin1LetterOrInvisibleCharacters_thenLetterPendingAndInvisibleCode1()
      throws Exception {
    try (Player p = player()) {
      // The client's bytes are ISO-8859-1: a soft hyphen (0xAD) or no-break space (0xA0) is
      // invisible and refused.
      for (byte invisible : new byte[] {(byte) 0xAD, (byte) 0xA0}) {
        p.client().send(ClientMsg.SET_WISHNAME, w -> w.u32(p.boy())
            .blob(new byte[] {'F', 'l', 'i', 'p', invisible, 'p', 'y'}));
        assertThat(p.client().expect(SetWishNameResp.class))
            .isEqualTo(SetWishNameResp.refused(p.boy(), 1));
      }
      // "Zo" + 0xEB + "y" is the name "Zoëy" as the client typed it: a letter, accepted.
      p.client().send(ClientMsg.SET_WISHNAME, w -> w.u32(p.boy())
          .blob(new byte[] {'Z', 'o', (byte) 0xEB, 'y'}));
      assertThat(p.client().expect(SetWishNameResp.class))
          .isEqualTo(SetWishNameResp.pending(p.boy(), "Zo\u00eby"));
      assertThat(cluster.toon(p.boy()).wishName()).isEqualTo("Zo\u00eby");
    }
  }

  @Test
  void wish_whenBlockedWord_thenRejectedAndNothingStored() throws Exception {
    try (Player p = player()) {
      p.client().send(new SetWishName(p.boy(), "Sir Grumpus"));
      assertThat(p.client().expect(SetWishNameResp.class))
          .isEqualTo(SetWishNameResp.rejected(p.boy(), "Sir Grumpus"));
      assertThat(cluster.toon(p.boy()).nameState()).isEqualTo(NameState.OPEN);
      assertThat(cluster.toon(p.boy()).wishName()).isEmpty();
    }
  }

  @Test
  void wish_whenAutoApproveAndDuplicatesRefused_thenFirstFinalAtOnceSecondRejected(
      @TempDir Path other) throws Exception {
    try (NamesCluster c = NamesCluster.start(other, true,
        "    auto_approve: true\n    allow_duplicate_names: false\n");
        ScriptedClient first = c.client(); ScriptedClient second = c.client()) {
      long firstBoy = c.toons(c.login(first, "Quick1")).get(0).avatarId();
      long secondBoy = c.toons(c.login(second, "Quick2")).get(0).avatarId();
      first.send(new SetWishName(firstBoy, "Flippy Doodle"));
      assertThat(first.expect(SetWishNameResp.class))
          .isEqualTo(SetWishNameResp.approved(firstBoy, "Flippy Doodle"));
      AvatarInfo named = c.toon(firstBoy);
      assertThat(named.name()).isEqualTo("Flippy Doodle");
      assertThat(named.nameState()).isEqualTo(NameState.LOCKED);

      second.send(new SetWishName(secondBoy, "flippy doodle"));
      assertThat(second.expect(SetWishNameResp.class))
          .isEqualTo(SetWishNameResp.rejected(secondBoy, "flippy doodle"));
      assertThat(c.toon(secondBoy).nameState()).isEqualTo(NameState.OPEN);
    }
  }

  @Test
  void names_whenNoAvatarsPlugin_thenNonZeroCodes(@TempDir Path other) throws Exception {
    try (NamesCluster bare = NamesCluster.start(other, false, "    auto_approve: true\n");
        ScriptedClient c = bare.client()) {
      bare.login(c, "Lonely");
      c.send(new SetNamePattern(300_000_000L, parts(U, 1, 1, 1, U, 1, U, 0)));
      assertThat(c.expect(SetNamePatternAnswer.class))
          .isEqualTo(new SetNamePatternAnswer(300_000_000L, 2));
      c.send(new SetWishName(300_000_000L, "Flippy Doodle"));
      assertThat(c.expect(SetWishNameResp.class))
          .isEqualTo(SetWishNameResp.refused(300_000_000L, 2));
      c.expectNone();
    }
  }
}
