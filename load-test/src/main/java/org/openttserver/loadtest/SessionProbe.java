package org.openttserver.loadtest;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.GetShardListResp;
import org.openttserver.api.protocol.GoGetLost;
import org.openttserver.api.protocol.Heartbeat;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.testclient.LinkClosedException;
import org.openttserver.testclient.client.ScriptedClient;
import org.openttserver.testclient.game.GameClient;

/**
 * A scripted 2003 client's first minute against a running server, printed step by step with
 * timings: heartbeat, LOGIN_2 with a fresh play token (an account is created when the server
 * accepts unknown tokens), GET_SHARD_LIST, and on a second connection a LOGIN_2 with a wrong DC
 * hash. It exits 0 when every step got the answer a 2003 client can act on (a reply or a
 * GO_GET_LOST with a code and reason), 1 otherwise.
 *
 * <p>{@code java -cp load-test/target/load-test.jar org.openttserver.loadtest.SessionProbe
 * [--ca 127.0.0.1:5150] [--dc config/dc/demo-toon.dc] [--version sv1.0.6.9]}. The DC hash sent is
 * the 2003 hash of the first {@code --dc} file, which is what the server expects unless its
 * config pins {@code general.client_dc_hash}.
 */
public final class SessionProbe {
  private static final Duration REPLY = Duration.ofSeconds(10);
  private static final String USAGE = "usage: SessionProbe [--ca host:port] [--dc a.dc]"
      + " [--version v] [--account-server http://host:8080]";

  private SessionProbe() {}

  /**
   * Runs the probe.
   *
   * @param argv see the class comment
   * @throws Exception on a failure to connect or parse the DC file
   */
  public static void main(String[] argv) throws Exception {
    InetSocketAddress ca = new InetSocketAddress("127.0.0.1", 5150);
    List<Path> dc = List.of(Path.of("config/dc/demo-toon.dc"));
    String version = "sv1.0.6.9";
    String accountServer = null;
    for (int i = 0; i + 1 < argv.length; i += 2) {
      switch (argv[i]) {
        case "--ca" -> {
          int colon = argv[i + 1].lastIndexOf(':');
          ca = new InetSocketAddress(argv[i + 1].substring(0, colon),
              Integer.parseInt(argv[i + 1].substring(colon + 1)));
        }
        case "--dc" -> dc = Arrays.stream(argv[i + 1].split(",")).map(Path::of).toList();
        case "--version" -> version = argv[i + 1];
        case "--account-server" -> accountServer = argv[i + 1];
        default -> {
          System.err.println(USAGE);
          System.exit(2);
        }
      }
    }
    if (argv.length % 2 != 0) {
      System.err.println(USAGE);
      System.exit(2);
    }
    DcFile file = ClientAgentLoad.loadDc(dc);
    long hash = file.hash2003();
    boolean ok = true;

    try (ScriptedClient c = ScriptedClient.connect(ca)) {
      System.out.printf("connected to %s (DC hash sent: %d)%n", ca, hash);
      c.send(new Heartbeat());
      c.expectNone(Duration.ofMillis(300));
      System.out.println("heartbeat: no reply, connection kept (as the 2003 server does)");

      // With --account-server: a new account and a play token from create.php and play.php, as
      // the client's login screen gets them. Without: an unknown play token names a new account
      // (4 to 32 characters) on a server that accepts unknown tokens (the embedded default).
      String name = "probe" + UUID.randomUUID().toString().substring(0, 8);
      String token = accountServer == null ? name : playToken(accountServer, name);
      long t0 = System.nanoTime();
      c.send(new Login2(token, version, hash, ClientMsg.TokenType.PLAY_TOKEN));
      Reply r = next(c);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (r.type == ClientMsg.LOGIN_2_RESP) {
        Login2Resp l = Login2Resp.CODEC.read(r.payload());
        System.out.printf("LOGIN_2 -> LOGIN_2_RESP code %d in %.0f ms: user '%s', secret chat %s,"
            + " paid %s, minutes %s%s%n", l.returnCode(), ms, l.userName(),
            l.secretChatAllowed(), l.isPaid(), l.minutesRemaining().isPresent()
                ? Integer.toString(l.minutesRemaining().getAsInt()) : "absent",
            l.errorString().isEmpty() ? "" : ", error '" + l.errorString() + "'");
        ok &= l.returnCode() == 0;
      } else {
        System.out.printf("LOGIN_2 -> %s in %.0f ms%n", r, ms);
        System.out.println("probe: FAILED (not logged in)");
        System.exit(1);
      }

      ok &= avatars(c);

      t0 = System.nanoTime();
      c.send(new GetShardList());
      r = next(c);
      ms = (System.nanoTime() - t0) / 1e6;
      if (r.type == ClientMsg.GET_SHARD_LIST_RESP) {
        GetShardListResp s = GetShardListResp.CODEC.read(r.payload());
        System.out.printf("GET_SHARD_LIST -> %d district(s) in %.0f ms: %s%n", s.shards().size(),
            ms, s.shards());
      } else {
        System.out.printf("GET_SHARD_LIST -> %s in %.0f ms%n", r, ms);
        ok &= r.type == ClientMsg.GO_GET_LOST && r.goGetLost().reasonCode().isPresent();
      }
    }

    ok &= world(ca, file, hash, accountServer);

    try (ScriptedClient c = ScriptedClient.connect(ca)) {
      c.send(new Login2("probe" + UUID.randomUUID().toString().substring(0, 8),
          version, hash ^ 1,
          ClientMsg.TokenType.PLAY_TOKEN));
      Reply r = next(c);
      System.out.printf("LOGIN_2 with a wrong DC hash -> %s%n", r);
      ok &= r.type == ClientMsg.GO_GET_LOST && r.goGetLost().reasonCode().isPresent();
    }
    System.out.println(ok ? "probe: OK" : "probe: FAILED");
    System.exit(ok ? 0 : 1);
  }

  /**
   * Into the world as the 2003 client goes (a new account and toon): SET_AVATAR and the friend
   * list, SET_SHARD to the first district, the quiet zone with the district's objects, the
   * TimeManager's clock sync, and the playground. Skipped when no district runs.
   */
  private static boolean world(InetSocketAddress ca, DcFile dc, long hash, String accountServer)
      throws Exception {
    String name = "probe" + UUID.randomUUID().toString().substring(0, 8);
    String token = accountServer == null ? name : playToken(accountServer, name);
    String step = "LOGIN_2";
    try (GameClient g = GameClient.connect(ca, dc, hash)) {
      g.login(token);
      step = "GET_SHARD_LIST";
      var shards = g.shardList();
      if (shards.isEmpty()) {
        System.out.println("world: no district runs; not entered");
        return true;
      }
      long district = shards.keySet().iterator().next();
      step = "CREATE_AVATAR";
      byte[] dna = {'t', 0, 0, 0, 1, 0, 3, 0, 3, 0, 0, 3, 0, 3, 14};
      long toon = g.createAvatar(dna, 0);
      step = "SET_AVATAR";
      long t0 = System.nanoTime();
      g.setAvatar(toon);
      System.out.printf("world: SET_AVATAR(%d) -> details in %.0f ms; GET_FRIEND_LIST sent%n",
          toon, (System.nanoTime() - t0) / 1e6);
      step = "SET_SHARD and the quiet zone";
      t0 = System.nanoTime();
      GameClient.ZoneChange quiet = g.enterDistrict(district);
      System.out.printf("world: SET_SHARD(%d) -> 47; SET_ZONE(1) -> %d object(s) %s, 48 in"
          + " %.0f ms%n", district, quiet.generated().size(),
          g.objects().values().stream().map(GameClient.Held::className).toList(),
          (System.nanoTime() - t0) / 1e6);
      step = "clock sync";
      t0 = System.nanoTime();
      var time = g.timeSync(1);
      System.out.printf("world: TimeManager.requestServerTime -> %s in %.0f ms%n",
          time.map(v -> "serverTime " + v).orElse("no answer (the client carries on)"),
          (System.nanoTime() - t0) / 1e6);
      step = "the playground";
      int hood = ((Number) g.detail("setDefaultZone").get(0)).intValue();
      GameClient.ZoneChange pg = g.quietZoneTo(hood);
      System.out.printf("world: quiet zone -> %d: %d object(s), 48 in %.0f ms%n", hood,
          pg.generated().size(), pg.took().toNanos() / 1e6);
      step = "back to the avatar chooser";
      g.exitToChooser();
      g.disconnect();
      System.out.println("world: back at the chooser, disconnected");
      if (!g.unexpected().isEmpty()) {
        System.out.println("world: messages the client would log as unexpected: "
            + g.unexpected());
      }
      return true;
    } catch (AssertionError e) {
      System.out.printf("world: %s failed: %s%n", step, e.getMessage());
      return false;
    }
  }

  /**
   * The avatar chooser and Make-A-Toon: the avatar list, a new toon in the first free slot, and
   * picking it (SET_AVATAR answered with the toon's details), then back to the chooser.
   */
  private static boolean avatars(ScriptedClient c) {
    long t0 = System.nanoTime();
    c.send(new GetAvatars());
    Reply r = next(c);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (r.type != ClientMsg.GET_AVATARS_RESP) {
      System.out.printf("GET_AVATARS -> %s in %.0f ms%n", r, ms);
      return r.type == ClientMsg.GO_GET_LOST && r.goGetLost().reasonCode().isPresent();
    }
    AvatarListResp list = AvatarListResp.CODEC.read(r.payload());
    System.out.printf("GET_AVATARS -> %d toon(s) in %.0f ms%n", list.avatars().size(), ms);
    java.util.Set<Integer> used = new java.util.HashSet<>();
    list.avatars().forEach(a -> used.add(a.position()));
    int slot = 0;
    while (slot < 6 && used.contains(slot)) {
      slot++;
    }
    if (slot == 6) {
      return true;
    }
    // A boy dog in Make-A-Toon's first colours and clothes.
    byte[] dna = {'t', 0, 0, 0, 1, 0, 3, 0, 3, 0, 0, 3, 0, 3, 14};
    t0 = System.nanoTime();
    c.send(new CreateAvatar(0, dna, slot));
    r = next(c);
    ms = (System.nanoTime() - t0) / 1e6;
    if (r.type != ClientMsg.CREATE_AVATAR_RESP) {
      System.out.printf("CREATE_AVATAR -> %s in %.0f ms%n", r, ms);
      return false;
    }
    CreateAvatarResp made = CreateAvatarResp.CODEC.read(r.payload());
    System.out.printf("CREATE_AVATAR (slot %d) -> code %d, toon %s in %.0f ms%n", slot,
        made.returnCode(), made.avatarId().isPresent() ? made.avatarId().getAsLong() : "-", ms);
    if (made.avatarId().isEmpty()) {
      return false;
    }
    t0 = System.nanoTime();
    c.send(new SetAvatar(made.avatarId().getAsLong()));
    r = next(c);
    ms = (System.nanoTime() - t0) / 1e6;
    if (r.type != ClientMsg.GET_AVATAR_DETAILS_RESP) {
      System.out.printf("SET_AVATAR -> %s in %.0f ms%n", r, ms);
      return false;
    }
    GetAvatarDetailsResp details = GetAvatarDetailsResp.CODEC.read(r.payload());
    System.out.printf("SET_AVATAR -> details of %d, code %d, %d bytes of required fields in"
        + " %.0f ms%n", details.avatarId(), details.returnCode(), r.body.length - 7, ms);
    c.send(new SetAvatar(0));
    return details.returnCode() == 0;
  }

  /** Creates an account through the account server and returns a play token for it. */
  private static String playToken(String base, String name) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String password = "pw-" + name;
    for (String op : List.of("create", "play")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/" + op
              + ".php")).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("n=" + name + "&p=" + password)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String line : r.body().split("\n")) {
        if (line.startsWith("errorMsg=")) {
          System.out.printf("%s.php -> %s%n", op, line);
          System.out.println("probe: FAILED (account server)");
          System.exit(1);
        }
        if (op.equals("play") && line.startsWith("playToken=")) {
          System.out.printf("account server: created '%s', play token issued%n", name);
          return line.substring("playToken=".length());
        }
      }
    }
    System.out.println("play.php gave no play token");
    System.out.println("probe: FAILED (account server)");
    System.exit(1);
    return null;
  }

  private static Reply next(ScriptedClient c) {
    Optional<byte[]> body;
    try {
      body = c.receive(REPLY);
    } catch (LinkClosedException e) {
      return new Reply(-3, new byte[0]);
    }
    if (body.isEmpty()) {
      return new Reply(-1, new byte[0]);
    }
    if (body.get().length < 2) {
      return new Reply(-2, body.get());
    }
    return new Reply(new DatagramReader(body.get()).readU16(), body.get());
  }

  /** One server message: its type and body (type -1: nothing within 10 s; -2: too short; -3: closed). */
  private record Reply(int type, byte[] body) {
    DatagramReader payload() {
      return new DatagramReader(body, 2, body.length - 2);
    }

    GoGetLost goGetLost() {
      return GoGetLost.CODEC.read(payload());
    }

    @Override
    public String toString() {
      if (type == -1) {
        return "no reply within " + REPLY.toSeconds() + " s";
      }
      if (type == -3) {
        return "the connection closed without a message";
      }
      if (type == -2) {
        return "a message of " + body.length + " byte(s), too short for a type";
      }
      if (type == ClientMsg.GO_GET_LOST) {
        GoGetLost g = goGetLost();
        return "GO_GET_LOST " + g.reasonCode().orElse(-1) + " '" + g.reasonText() + "'";
      }
      return ClientMsg.nameOf(type) + " (" + type + ")";
    }
  }
}
