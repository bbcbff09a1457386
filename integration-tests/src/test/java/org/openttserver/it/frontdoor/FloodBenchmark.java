package org.openttserver.it.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.it.ChildServerMain;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.testclient.game.AccountServer;
import org.openttserver.testclient.game.GameClient;

/**
 * The front door under a flood: 1,100 anonymous connections that never log in but send
 * heartbeats (44 from each of 25 loopback addresses 127.0.0.2–26, under the per-address cap,
 * reopened when the server drops them), while scripted 2003 clients from 127.0.0.1 create an account (create.php, play.php), log
 * in and play (district list, avatar list, Make-A-Toon, into the district and the playground).
 * The server runs in a child JVM with the shipped limits, once at this process's open-file limit
 * and once started under {@code ulimit -n 1024}. Prints, per run: login latency (connect to
 * LOGIN_2_RESP) p50/p99/max, the account server's latency and failures, journeys done and
 * failed, and the flood's refusals by GO_GET_LOST code. A figure printer, not a test of speed:
 * {@code mvn -B verify -pl integration-tests -am -Dtest=FloodBenchmark -Dfrontdoor.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dfrontdoor.flood=N},
 * {@code -Dfrontdoor.players=N} for other counts).
 */
@EnabledIfSystemProperty(named = "frontdoor.bench", matches = "true")
class FloodBenchmark {
  private static final int ADDRESSES = 25;
  private static final byte[] DOG = EmbeddedServers.DOG;

  @TempDir Path dir;
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void floodAtTheRealLimitAndAt1024() throws Exception {
    run("the process's open-file limit", null);
    run("ulimit -n 1024", 1024);
  }

  private void run(String label, Integer ulimit) throws Exception {
    int flood = Integer.getInteger("frontdoor.flood", 1100);
    int players = Integer.getInteger("frontdoor.players", 40);
    Path runDir = Files.createDirectories(dir.resolve(ulimit == null ? "real" : "u" + ulimit));
    Path cfg = runDir.resolve("server.yml");
    Files.writeString(cfg, "ai:\n  district_name: Flood Valley\n  channel: 401000\n"
        + "  do_ids: {min: 400000000, max: 400999999}\n"
        + EmbeddedServers.yaml(runDir, EmbeddedServers.DEMO_DC, "", true,
            "  login:\n    http_bind: 127.0.0.1:0\n"
            + "    hash_memory_kib: 1024\n    hash_iterations: 1\n"
            + "    rate_limit: {per_address: 100000, creates_per_address: 100000}\n"));
    String[] ports = startChild(cfg, ulimit);
    URI http = URI.create("http://127.0.0.1:" + ports[0]);
    InetSocketAddress game = new InetSocketAddress("127.0.0.1", Integer.parseInt(ports[1]));
    long hash = Long.parseLong(ports[2]);
    DcFile dc = DcParser.parse(List.of(
        DcSource.read(EmbeddedServers.REPO.resolve(EmbeddedServers.DEMO_DC), DcDialect.EXTENDED),
        DcSource.read(EmbeddedServers.REPO.resolve("config/dc/openttserver.dc"),
            DcDialect.EXTENDED)));
    try (Flood f = new Flood(game, flood)) {
      Thread floodThread = new Thread(f, "flood");
      floodThread.setDaemon(true);
      floodThread.start();
      long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (f.open.get() < flood && System.nanoTime() < settle) {
        Thread.sleep(100);
      }
      int openBefore = f.open.get();
      List<Long> logins = new CopyOnWriteArrayList<>();
      List<Long> accounts = new CopyOnWriteArrayList<>();
      Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
      AtomicInteger journeys = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> runs = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < players; i++) {
        String name = "Player" + i;
        runs.add(pool.submit(() -> {
          String step = "create.php/play.php";
          try {
            long a0 = System.nanoTime();
            AccountServer acc = new AccountServer(http);
            acc.create(name, "secret-" + name);
            String token = acc.playToken(name, "secret-" + name);
            accounts.add(System.nanoTime() - a0);
            step = "connect + LOGIN_2";
            long l0 = System.nanoTime();
            try (GameClient c = GameClient.connect(game, dc, hash)) {
              c.login(token);
              logins.add(System.nanoTime() - l0);
              step = "play";
              c.shardList();
              c.avatarList();
              long toon = c.createAvatar(DOG, 0);
              c.setAvatar(toon);
              c.enterDistrict(c.shards().keySet().iterator().next());
              c.quietZoneTo(2000);
              c.disconnect();
              journeys.incrementAndGet();
            }
          } catch (Throwable e) {
            failures.computeIfAbsent(step + ": " + firstLine(e), k -> new AtomicInteger())
                .incrementAndGet();
          }
        }));
      }
      for (Future<?> r : runs) {
        r.get(10, TimeUnit.MINUTES);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      System.out.printf("%n== flood benchmark, server at %s (its open-file limit: %s) ==%n",
          label, ports[3]);
      System.out.printf("flood: %d anonymous connections wanted from %d addresses; %d open when"
          + " the players started, %d at the end; %d connects failed (timeout/refused);"
          + " GO_GET_LOST by code %s; %d closed without a code%n", flood, ADDRESSES,
          openBefore, f.open.get(), f.connectFailures.get(), f.codes, f.closedSilently.get());
      System.out.printf("players: %d in %.1f s, 4 at a time: %d journeys done, failures %s%n",
          players, seconds, journeys.get(), failures);
      print("account server (create.php + play.php)", accounts);
      print("login (connect .. LOGIN_2_RESP)", logins);
      f.stop();
      floodThread.join(10_000);
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String firstLine(Throwable e) {
    String s = String.valueOf(e.getMessage());
    int nl = s.indexOf('\n');
    s = nl < 0 ? s : s.substring(0, nl);
    return e.getClass().getSimpleName() + " " + (s.length() > 100 ? s.substring(0, 100) : s);
  }

  private static void print(String what, List<Long> nanos) {
    List<Long> v = new ArrayList<>(nanos);
    Collections.sort(v);
    if (v.isEmpty()) {
      System.out.printf("%-40s none succeeded%n", what);
      return;
    }
    System.out.printf("%-40s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, v.size(),
        pct(v, 0.50), pct(v, 0.99), v.get(v.size() - 1) / 1e6);
  }

  private static double pct(List<Long> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }

  /**
   * Holds the anonymous connections on one selector thread: opens them (at most 20 a second
   * per address, the shipped rate), reads what the server sends (GO_GET_LOST codes are counted)
   * and opens a new one for each that the server closes.
   */
  private static final class Flood implements Runnable, AutoCloseable {
    private final InetSocketAddress game;
    private final int wanted;
    private final Selector selector;
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger connectFailures = new AtomicInteger();
    final AtomicInteger closedSilently = new AtomicInteger();
    final Map<Integer, AtomicInteger> codes = new TreeMap<>();
    private final int[] perAddress = new int[ADDRESSES];
    private final AtomicLong[] lastOpen = new AtomicLong[ADDRESSES];
    private long lastHeartbeat = System.nanoTime();
    private volatile boolean stopped;

    Flood(InetSocketAddress game, int wanted) throws IOException {
      this.game = game;
      this.wanted = wanted;
      this.selector = Selector.open();
      for (int i = 0; i < ADDRESSES; i++) {
        lastOpen[i] = new AtomicLong();
      }
    }

    void stop() {
      stopped = true;
      selector.wakeup();
    }

    @Override
    public void run() {
      int each = (wanted + ADDRESSES - 1) / ADDRESSES;
      try {
        while (!stopped) {
          long now = System.nanoTime();
          for (int a = 0; a < ADDRESSES; a++) {
            // 10 a second per address: well under the shipped 20
            while (perAddress[a] < each && open.get() < wanted
                && now - lastOpen[a].get() >= 100_000_000L) {
              lastOpen[a].set(now);
              openOne(a);
            }
          }
          if (now - lastHeartbeat > 10_000_000_000L) {
            // a heartbeat keeps an anonymous connection past heartbeat_timeout, not past the
            // login deadline
            lastHeartbeat = now;
            heartbeats();
          }
          selector.select(20);
          for (SelectionKey k : selector.selectedKeys()) {
            handle(k);
          }
          selector.selectedKeys().clear();
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private void heartbeats() {
      ByteBuffer beat = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      beat.putShort((short) 2).putShort((short) ClientMsg.HEARTBEAT).flip();
      for (SelectionKey k : selector.keys()) {
        SocketChannel ch = (SocketChannel) k.channel();
        if (ch.isConnected()) {
          try {
            ch.write(beat.duplicate());
          } catch (IOException e) {
            // the read side sees it
          }
        }
      }
    }

    private void openOne(int a) {
      try {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0,
            (byte) (2 + a)}), 0));
        ch.connect(game);
        ch.register(selector, SelectionKey.OP_CONNECT, new Conn(a));
        perAddress[a]++;
        open.incrementAndGet();
      } catch (IOException e) {
        connectFailures.incrementAndGet();
      }
    }

    private void handle(SelectionKey k) {
      SocketChannel ch = (SocketChannel) k.channel();
      Conn c = (Conn) k.attachment();
      try {
        if (k.isConnectable()) {
          ch.finishConnect();
          k.interestOps(SelectionKey.OP_READ);
          return;
        }
        if (ch.read(c.in) < 0) {
          int code = c.code();
          if (code < 0) {
            closedSilently.incrementAndGet();
          } else {
            synchronized (codes) {
              codes.computeIfAbsent(code, x -> new AtomicInteger()).incrementAndGet();
            }
          }
          drop(k, c);
        }
      } catch (IOException e) {
        connectFailures.incrementAndGet();
        drop(k, c);
      }
    }

    private void drop(SelectionKey k, Conn c) {
      k.cancel();
      try {
        k.channel().close();
      } catch (IOException e) {
        // gone anyway
      }
      perAddress[c.address]--;
      open.decrementAndGet();
    }

    @Override
    public void close() throws IOException {
      stop();
      for (SelectionKey k : selector.keys()) {
        k.channel().close();
      }
      selector.close();
    }

    /** One flood connection: its address index and what the server sent. */
    private static final class Conn {
      final int address;
      final ByteBuffer in = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);

      Conn(int address) {
        this.address = address;
      }

      /** {@return the GO_GET_LOST code the server sent, or -1} */
      int code() {
        if (in.position() < 6 || (in.getShort(2) & 0xFFFF) != ClientMsg.GO_GET_LOST) {
          return -1;
        }
        return in.getShort(4) & 0xFFFF;
      }
    }
  }

  /** {@return account-server port, game port, DC hash, the child's open-file limit} */
  private String[] startChild(Path cfg, Integer ulimit) throws Exception {
    String javaCmd = ProcessHandle.current().info().command().orElse("java");
    String main = ChildServerMain.class.getName();
    ProcessBuilder pb = ulimit == null
        ? new ProcessBuilder("bash", "-c", "ulimit -n; exec \"$0\" \"$@\"", javaCmd, main,
            cfg.toString())
        : new ProcessBuilder("bash", "-c", "ulimit -n " + ulimit + " && ulimit -n && exec"
            + " \"$0\" \"$@\"", javaCmd, main, cfg.toString());
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    child = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8));
    String limit = out.readLine();
    String httpPort = null;
    String[] game = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (String l; game == null && (l = out.readLine()) != null; ) {
      if (l.startsWith("HTTP_PORT=")) {
        httpPort = l.substring("HTTP_PORT=".length());
      } else if (l.startsWith("GAME_PORT=")) {
        game = l.split(" ");
      }
      assertThat(System.nanoTime()).as("child start").isLessThan(deadline);
    }
    assertThat(game).as("the child server exited").isNotNull();
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // keep the pipe empty
        }
      } catch (IOException e) {
        // gone
      }
    });
    drain.setDaemon(true);
    drain.start();
    return new String[] {httpPort, game[0].substring("GAME_PORT=".length()),
        game[1].substring("DC_HASH=".length()), limit};
  }
}
