package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.avatars.AvatarCluster.CAT;
import static org.openttserver.it.avatars.AvatarCluster.DOG;
import static org.openttserver.it.avatars.AvatarCluster.create;
import static org.openttserver.it.avatars.AvatarCluster.list;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.DeleteAvatar;
import org.openttserver.api.protocol.GetAvatarDetails;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameClear;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * kill -9: a child JVM runs the embedded server with the built-in plugins; clients create,
 * delete and name toons, each step waiting for what the client (or the names plugin) is told;
 * the child is killed forcibly right after the last answer and restarted on the same data
 * directory; every account's avatar list is then exactly the last one a client was shown.
 */
class AvatarKillTest {
  @TempDir Path dir;
  private Process child;
  private BufferedReader childOut;
  private PrintStream childIn;
  private long dcHash;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void toldSucceeded_whenServerKilledHard_thenAllThereAfterRestart() throws Exception {
    Path cfg = dir.resolve("child.yml");
    Files.writeString(cfg, AvatarCluster.yaml(dir, AvatarCluster.DEMO_DC, ""));
    Map<String, AvatarListResp> lastSeen = new LinkedHashMap<>();
    long wished;
    InetSocketAddress game = startChild(cfg);
    List<ScriptedClient> clients = new ArrayList<>();
    try {
      for (int a = 0; a < 4; a++) {
        String name = "Survivor" + a;
        ScriptedClient c = login(game, name);
        clients.add(c);
        List<Long> ids = new ArrayList<>();
        for (int slot = 0; slot < 5; slot++) {
          ids.add(create(c, slot % 2 == 0 ? DOG : CAT, slot));
        }
        c.send(new DeleteAvatar(ids.get(1)));
        lastSeen.put(name, c.expect(AvatarListResp.class, AvatarCluster.SLOW));
        // name states as the names plugin stores them
        name(ids.get(0), "PENDING Waiting Wally");
        name(ids.get(2), "REJECTED Rude Rick");
        name(ids.get(3), "APPROVED Good Gus");
        c.send(new SetWishNameClear(ids.get(3), 1)); // approved name becomes the name
        name(ids.get(4), "LOCKED");
        lastSeen.put(name, list(c));
      }
      // Last: one more create, delete and clear, then kill at once.
      ScriptedClient last = clients.get(0);
      long extra = create(last, DOG, 5);
      last.send(new DeleteAvatar(lastSeen.get("Survivor0").avatars().get(0).avatarId()));
      AvatarListResp afterDelete = last.expect(AvatarListResp.class, AvatarCluster.SLOW);
      assertThat(afterDelete.avatars()).extracting(AvatarListResp.Avatar::avatarId)
          .contains(extra);
      // And a typed name over the wire, through the names plugin: the kill follows its 71.
      last.send(new SetWishName(extra, "Kept Wish"));
      assertThat(last.expect(SetWishNameResp.class, AvatarCluster.SLOW))
          .isEqualTo(SetWishNameResp.pending(extra, "Kept Wish"));
      lastSeen.put("Survivor0", new AvatarListResp(0, afterDelete.avatars().stream()
          .map(a -> a.avatarId() != extra ? a : new AvatarListResp.Avatar(a.avatarId(),
              a.name(), "Kept Wish", "", "", a.dna(), a.position(), true)).toList()));
      wished = extra;
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      clients.forEach(ScriptedClient::close);
    }
    assertThat(lastSeen.get("Survivor1").avatars()).extracting(AvatarListResp.Avatar::name)
        .contains("Good Gus");
    assertThat(lastSeen.get("Survivor1").avatars()).extracting(AvatarListResp.Avatar::wishName)
        .contains("Waiting Wally");

    game = startChild(cfg);
    for (Map.Entry<String, AvatarListResp> e : lastSeen.entrySet()) {
      try (ScriptedClient c = login(game, e.getKey())) {
        assertThat(list(c)).as(e.getKey()).isEqualTo(e.getValue());
      }
    }
    // the wish is still waiting for review
    childIn.println("pending");
    assertThat(readUntil("PENDING ")).contains(wished + "=Kept Wish");
  }

  @Test
  void killedBetweenCreateAndSlotClaim_thenTheUnlistedToonIsDeletedAtRestart() throws Exception {
    Path cfg = dir.resolve("child.yml");
    Files.writeString(cfg, AvatarCluster.yaml(dir, AvatarCluster.DEMO_DC, ""));
    // The child stops every create after the database made the toon and the journal has its
    // id, before the slot claim: the kill lands exactly between the two.
    InetSocketAddress game = startChild(cfg,
        "-Dopenttserver.avatars.test.pause_before_claim=true");
    long orphan;
    try (ScriptedClient c = login(game, "Halfway")) {
      c.send(new CreateAvatar(0, DOG, 0));
      orphan = Long.parseLong(readUntil("AVATARS_PAUSED_BEFORE_CLAIM ").split(" ")[1]);
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    game = startChild(cfg);
    try (ScriptedClient c = login(game, "Halfway")) {
      assertThat(list(c).avatars()).isEmpty();
      long made = create(c, CAT, 0); // creates wait for the start-up recovery
      assertThat(made).isNotEqualTo(orphan);
      c.send(new GetAvatarDetails(orphan));
      GetAvatarDetailsResp d = c.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      assertThat(d.returnCode()).as("toon %d, made before the kill, is gone", orphan)
          .isEqualTo(1);
      assertThat(list(c).avatars()).extracting(AvatarListResp.Avatar::avatarId)
          .containsExactly(made);
    }
  }

  private void name(long id, String stateAndWish) throws IOException {
    childIn.println("name " + id + " " + stateAndWish);
    childIn.flush();
    assertThat(readUntil("DONE ")).isEqualTo("DONE " + id);
  }

  /** {@return the child's next output line starting with a prefix (log lines are skipped)} */
  private String readUntil(String prefix) throws IOException {
    for (String line; (line = childOut.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("the child server exited");
  }

  private ScriptedClient login(InetSocketAddress game, String name) {
    ScriptedClient c = ScriptedClient.connect(game);
    c.send(new Login2(name, "sv1.0.6.9", dcHash, ClientMsg.TokenType.PLAY_TOKEN));
    Login2Resp r = c.expect(Login2Resp.class, Duration.ofSeconds(20));
    assertThat(r.returnCode()).as("login %s: %s", name, r).isZero();
    return c;
  }

  private InetSocketAddress startChild(Path cfg, String... jvmArgs) throws Exception {
    String javaCmd = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    List<String> cmd = new ArrayList<>(List.of(javaCmd));
    cmd.addAll(List.of(jvmArgs));
    cmd.addAll(List.of("-cp", cp, AvatarChildMain.class.getName(), cfg.toString()));
    child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    childOut = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8));
    childIn = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return readUntil("GAME_PORT=");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).get(60, TimeUnit.SECONDS);
    String[] parts = line.split(" ");
    int port = Integer.parseInt(parts[0].substring("GAME_PORT=".length()));
    dcHash = Long.parseLong(parts[1].substring("DC_HASH=".length()));
    return new InetSocketAddress("127.0.0.1", port);
  }
}
