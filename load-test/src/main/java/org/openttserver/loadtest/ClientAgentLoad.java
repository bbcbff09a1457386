package org.openttserver.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcBlocks;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcRequiredSet;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdControl;
import org.openttserver.testclient.md.MdDatagram;

/**
 * N scripted 2003 clients in one zone, each sending {@code rate} broadcast updates a second
 * (DistributedToon.setChat carrying its send time), against a running server whose client agent
 * forwards to a test extension channel. This tool plays that extension and the state server
 * over the message director: it logs the clients in, opens one interest each, makes every
 * avatar visible to every other client, and relays each client update to the zone as a state
 * server would. With {@code --state-server CHANNEL} the server's own state server does that
 * part instead: the tool creates the zone's parent and each avatar there (owned by its client)
 * and the updates take the real path, client agent to state server to every client agent
 * connection in the zone. It prints delivered messages/s, loss, p50/p99 latency, the server's CPU and RSS
 * (from /proc of {@code --pid}), its own CPU and, with {@code --idle}, memory per idle connection.
 *
 * <p>The clients are Netty NIO channels on {@code --threads} event-loop threads (default 1);
 * each sends from a task on its event loop, client i at offset i/N of the period, so sends are
 * spread evenly. The state-server relay runs on its link's own event loop. Latency is receipt
 * time minus the send time carried in the update (both System.nanoTime of this process).
 *
 * <p>Arguments (all optional): {@code --ca 127.0.0.1:15150 --md 127.0.0.1:17199 --extension 7000
 * --clients 50 --rate 5 --warmup 3 --seconds 10 --pid 0 --state-server 0 --idle 0
 * --idle-seconds 10 --threads 1 --grace-ms 2000 --dc config/dc/demo-toon.dc,config/dc/openttserver.dc}, and the flag {@code --heap} (with
 * {@code --idle} and a server JVM's {@code --pid}: live heap per idle connection, read with
 * jcmd after a full GC). Loopback only.
 */
public final class ClientAgentLoad {
  static final long PARENT = 200_000_000L;
  static final long ZONE = 2000;
  static final long AVATAR0 = 100_000_000L;
  /** The class of the zone's parent object when the server's state server is used. */
  static final String DISTRICT_CLASS = "OpenTTDistrict";

  private ClientAgentLoad() {}

  /**
   * Runs one measurement.
   *
   * @param argv see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] argv) throws Exception {
    Args a = Args.parse(argv);
    DcFile dc = loadDc(a.dc);
    DcClass toon = dc.dclass("DistributedToon");
    DcField chat = toon.field("setChat");
    byte[] required = defaults(toon, DcRequiredSet.BROADCAST);
    long location = Channels.location(PARENT, ZONE);
    long self = ProcessHandle.current().pid();

    EventLoopGroup clientLoops = new NioEventLoopGroup(a.threads);
    EventLoopGroup mdLoop = new NioEventLoopGroup(1);
    try {
      // The zone's parent is created only in --state-server mode (our DC additions have it).
      DcClass district = a.stateServer != 0 ? dc.dclass(DISTRICT_CLASS) : null;
      run(a, toon, district, chat, required, location, self, clientLoops, mdLoop);
    } finally {
      clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      mdLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private static void run(Args a, DcClass toon, DcClass district, DcField chat,
      byte[] required, long location, long self, EventLoopGroup clientLoops, EventLoopGroup mdLoop) throws Exception {
    MdConnection ext = MdConnection.connect(a.md);
    MdConnection ssOut = MdConnection.connect(a.md);
    StateServerRelay relay = new StateServerRelay(location, PARENT);
    Channel ssIn = new Bootstrap().group(mdLoop).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true).handler(relay).connect(a.md).sync().channel();
    ext.subscribe(a.extension);
    boolean realSs = a.stateServer != 0;
    if (realSs) {
      // Objects left over from an interrupted run would refuse the creates.
      for (int i = 0; i < a.clients; i++) {
        ssOut.send(deleteRam(AVATAR0 + i, a.extension));
      }
      ssOut.send(deleteRam(PARENT, a.extension));
      Thread.sleep(300);
      ssOut.send(MdDatagram.builder(AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED)
          .to(a.stateServer).from(a.extension).payload(w -> w.doId(PARENT).doId(0).doId(0)
              .u16(district.number()).bytes(defaults(district, DcRequiredSet.ALL))).build());
    } else {
      relay.send(MdControl.addChannel(PARENT));
      relay.send(MdControl.addRange(AVATAR0, AVATAR0 + a.clients - 1));
    }
    Thread.sleep(300); // let the subscriptions take effect before the first client connects

    byte[] allRequired = defaults(toon, DcRequiredSet.ALL);
    BlockingQueue<Long> connected = new LinkedBlockingQueue<>();
    AtomicLong interestsDone = new AtomicLong();
    AtomicLong disconnected = new AtomicLong();
    Thread extThread = loop("extension", ext, d -> {
      switch (d.msgType()) {
        case AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED -> connected.add(d.payload().readChannel());
        case AstronMsg.CLIENTAGENT_DONE_INTEREST_RESP -> interestsDone.incrementAndGet();
        case AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED -> disconnected.incrementAndGet();
        default -> { }
      }
    });

    LoadClient.Totals totals = new LoadClient.Totals();
    List<LoadClient> clients = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < a.clients; i++) {
      long av = AVATAR0 + i;
      LoadClient c = new LoadClient(av, chat.number2003(), totals);
      clientBootstrap(clientLoops, c).connect(a.ca).sync();
      Long ch = connected.poll(5, TimeUnit.SECONDS);
      if (ch == null) {
        throw new IllegalStateException("no CLIENTAGENT_EXTENSION_CONNECTED for client " + i
            + ": is the client agent's extension channel " + a.extension + "?");
      }
      c.clientChannel = ch;
      clients.add(c);
      ext.send(cmd(ch, a.extension, AstronMsg.CLIENTAGENT_SET_STATE, w -> w.u16(2)));
      ext.send(cmd(ch, a.extension, AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT, w -> w.doId(av)));
      if (realSs) {
        // The avatar lives in the server's state server, in the zone, owned by this client.
        ssOut.send(MdDatagram.builder(AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED)
            .to(a.stateServer).from(a.extension).payload(w -> w.doId(av).doId(PARENT)
                .doId(ZONE).u16(toon.number()).bytes(allRequired)).build());
        ssOut.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_SET_OWNER).to(av)
            .from(a.extension).payload(w -> w.channel(ch)).build());
      } else {
        ssOut.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED)
            .to(ch).from(av).payload(w -> w.doId(av).doId(PARENT).doId(ZONE)
                .u16(toon.number()).bytes(required)).build());
      }
      ext.send(cmd(ch, a.extension, AstronMsg.CLIENTAGENT_ADD_INTEREST,
          w -> w.u16(1).doId(PARENT).doId(ZONE)));
    }
    waitFor("interests", () -> interestsDone.get() >= a.clients, 30);
    for (LoadClient c : realSs ? List.<LoadClient>of() : clients) {
      ssOut.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED)
          .to(location).from(PARENT).payload(w -> w.doId(c.avatar).doId(PARENT).doId(ZONE)
              .u16(toon.number()).bytes(required)).build());
    }
    waitFor("generates", () -> clients.stream().allMatch(c -> c.generates.get()
        >= a.clients - 1), 60);
    System.out.printf("setup: %d clients logged in, in one zone, each seeing %d avatars (%.1f s)%n",
        a.clients, a.clients - 1, (System.nanoTime() - t0) / 1e9);

    // Client i sends at offsets i/N of the period: the N clients' updates are spread evenly.
    long periodNs = 1_000_000_000L / a.rate;
    long start = System.nanoTime() + Duration.ofSeconds(a.warmup).toNanos();
    long end = start + Duration.ofSeconds(a.seconds).toNanos();
    totals.windowStart = start;
    totals.windowEnd = end;
    for (int i = 0; i < clients.size(); i++) {
      clients.get(i).startSending(periodNs * i / clients.size(), periodNs);
    }
    sleepUntil(start);
    Proc before = Proc.read(a.pid);
    Proc toolBefore = Proc.read(self);
    long relayedBefore = relay.relayed.sum();
    sleepUntil(end);
    Proc after = Proc.read(a.pid);
    Proc toolAfter = Proc.read(self);
    long relayedInWindow = relay.relayed.sum() - relayedBefore;
    Thread.sleep(a.graceMs); // deliveries still in flight count if they arrive within the grace
    long received = totals.inWindow.sum();
    long sentInWindow = totals.sentInWindow.sum();
    long expected = sentInWindow * (a.clients - 1);
    System.out.printf("load: %d clients x %d updates/s for %d s (after %d s warm-up), "
        + "%d client event-loop thread(s)%n", a.clients, a.rate, a.seconds, a.warmup, a.threads);
    System.out.printf("  sent %d updates in the window (%d slots skipped because the tool was "
        + "late), %s%n", sentInWindow, totals.skipped.sum(), realSs
            ? "relayed by the server's state server (" + a.stateServer + ")"
            : "relayed by the scripted state server " + relayedInWindow + " in the window");
    System.out.printf("  delivered %.0f messages/s (expected %.0f), loss %.3f%% (%d of %d, "
        + "counted %d ms after the window)%n", received / (double) a.seconds,
        expected / (double) a.seconds, 100.0 * (expected - received) / Math.max(1, expected),
        expected - received, expected, a.graceMs);
    System.out.printf("  latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max bucket %.2f ms%n",
        totals.latency.quantileMs(0.50), totals.latency.quantileMs(0.99),
        totals.latency.quantileMs(0.999), totals.latency.quantileMs(1.0));
    if (a.pid > 0) {
      System.out.printf("  server pid %d: CPU %.2f cores, RSS %d MiB%n", a.pid,
          before.coresUntil(after), after.rssKib / 1024);
    }
    System.out.printf("  load tool pid %d: CPU %.2f cores, RSS %d MiB%n", self,
        toolBefore.coresUntil(toolAfter), toolAfter.rssKib / 1024);
    long lost = clients.stream().filter(c -> c.closedBecause != null).count();
    if (lost > 0 || disconnected.get() > 0) {
      System.out.printf("  WARNING: %d clients closed (%s)%n", lost,
          clients.stream().filter(c -> c.closedBecause != null).findFirst()
              .map(c -> c.closedBecause).orElse("-"));
    }
    clients.forEach(LoadClient::close);
    if (realSs) {
      // The client agent deletes each avatar (a session object) when its client has left;
      // deleting the parent before that would delete them under clients still connected.
      waitFor("disconnects", () -> disconnected.get() >= a.clients, 30);
      ssOut.send(deleteRam(PARENT, a.extension));
    }

    if (a.idle > 0) {
      waitFor("disconnects", () -> disconnected.get() >= a.clients, 30);
      Thread.sleep(1000);
      connected.clear();
      long heapBefore = a.heap ? LiveHeap.afterFullGc(a.pid) : 0;
      Proc idleBefore = Proc.read(a.pid);
      List<Channel> idle = new ArrayList<>();
      Bootstrap idleBootstrap = new Bootstrap().group(clientLoops).channel(NioSocketChannel.class)
          .handler(new IdleClient());
      long heartbeatNs = Duration.ofSeconds(5).toNanos();
      for (int i = 0; i < a.idle; i++) {
        Channel c = idleBootstrap.connect(a.ca).sync().channel();
        idle.add(c);
        // a HEARTBEAT (52) every 5 s, the connections' heartbeats spread evenly over that time
        c.eventLoop().scheduleAtFixedRate(() -> {
          if (c.isActive()) {
            c.writeAndFlush(c.alloc().buffer(4).writeShortLE(2).writeShortLE(52),
                c.voidPromise());
          }
        }, heartbeatNs * i / a.idle, heartbeatNs, TimeUnit.NANOSECONDS);
      }
      waitFor("idle connects", () -> connected.size() >= a.idle, 60);
      Thread.sleep(a.idleSeconds * 1000L);
      Proc idleAfter = Proc.read(a.pid);
      long open = idle.stream().filter(Channel::isActive).count();
      System.out.printf("idle: %d heartbeating connections held %d s (%d still open), server RSS "
          + "%d -> %d MiB, %.1f KiB per connection%n", a.idle, a.idleSeconds, open,
          idleBefore.rssKib / 1024, idleAfter.rssKib / 1024,
          (idleAfter.rssKib - idleBefore.rssKib) / (double) a.idle);
      if (a.heap) {
        long heapAfter = LiveHeap.afterFullGc(a.pid);
        System.out.printf("idle: live heap after a full GC %d -> %d KiB, %.1f KiB per connection%n",
            heapBefore, heapAfter, (heapAfter - heapBefore) / (double) a.idle);
      }
      for (Channel c : idle) {
        c.close();
      }
    }
    extThread.interrupt();
    ext.close();
    ssIn.close().sync();
    ssOut.close();
  }

  private static Bootstrap clientBootstrap(EventLoopGroup loops, LoadClient c) {
    return new Bootstrap().group(loops).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true).handler(c);
  }

  /** An idle client: connects and discards whatever arrives. */
  @ChannelHandler.Sharable
  private static final class IdleClient extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  static MdDatagram cmd(long to, long from, int type,
      java.util.function.Consumer<DatagramWriter> payload) {
    return MdDatagram.builder(type).to(to).from(from).payload(payload).build();
  }

  static MdDatagram deleteRam(long doId, long from) {
    return MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_DELETE_RAM).to(doId).from(from)
        .payload(w -> w.doId(doId)).build();
  }

  /** A required block of default values: ALL for a create, BROADCAST for an enter. */
  static byte[] defaults(DcClass c, DcRequiredSet set) {
    DatagramWriter w = new DatagramWriter();
    DcBlocks.writeRequired(c, set, w, Map.of());
    return w.toByteArray();
  }

  static DcFile loadDc(List<Path> files) throws IOException, org.openttserver.api.dc.DcParseException {
    List<DcSource> sources = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      sources.add(DcSource.read(files.get(i), i == 0 ? DcDialect.DC_2003 : DcDialect.EXTENDED));
    }
    return DcParser.parse(sources);
  }

  private static Thread loop(String name, MdConnection link,
      java.util.function.Consumer<MdDatagram> handler) {
    Thread t = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        Optional<MdDatagram> d;
        try {
          d = link.receive(Duration.ofMillis(100));
        } catch (RuntimeException closed) {
          return;
        }
        d.ifPresent(handler);
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier done, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** CPU ticks (user + system, at 100 Hz) and RSS of a process, from /proc. */
  record Proc(long at, long cpuTicks, long rssKib) {
    double coresUntil(Proc later) {
      return (later.cpuTicks - cpuTicks) / 100.0 / ((later.at - at) / 1e9);
    }

    static Proc read(long pid) {
      if (pid <= 0) {
        return new Proc(System.nanoTime(), 0, 0);
      }
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
            .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("[^0-9]", ""))
            .mapToLong(Long::parseLong).findFirst().orElse(0);
        return new Proc(System.nanoTime(), ticks, rss);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read /proc/" + pid + ": " + e.getMessage(), e);
      }
    }
  }

  /** Command-line arguments. */
  record Args(InetSocketAddress ca, InetSocketAddress md, long extension, int clients, int rate,
      int warmup, int seconds, long pid, int idle, List<Path> dc, int threads, long graceMs,
      int idleSeconds, boolean heap, long stateServer) {
    static Args parse(String[] argv) {
      InetSocketAddress ca = new InetSocketAddress("127.0.0.1", 15150);
      InetSocketAddress md = new InetSocketAddress("127.0.0.1", 17199);
      long extension = 7000;
      int clients = 50;
      int rate = 5;
      int warmup = 3;
      int seconds = 10;
      long pid = 0;
      int idle = 0;
      int threads = 1;
      long graceMs = 2000;
      int idleSeconds = 10;
      boolean heap = false;
      long stateServer = 0;
      List<Path> dc = List.of(Path.of("config/dc/demo-toon.dc"),
          Path.of("config/dc/openttserver.dc"));
      for (int i = 0; i < argv.length; i++) {
        String v = i + 1 < argv.length ? argv[i + 1] : "";
        switch (argv[i]) {
          case "--ca" -> ca = hostPort(v);
          case "--md" -> md = hostPort(v);
          case "--extension" -> extension = Long.parseLong(v);
          case "--clients" -> clients = Integer.parseInt(v);
          case "--rate" -> rate = Integer.parseInt(v);
          case "--warmup" -> warmup = Integer.parseInt(v);
          case "--seconds" -> seconds = Integer.parseInt(v);
          case "--pid" -> pid = Long.parseLong(v);
          case "--idle" -> idle = Integer.parseInt(v);
          case "--threads" -> threads = Integer.parseInt(v);
          case "--grace-ms" -> graceMs = Long.parseLong(v);
          case "--idle-seconds" -> idleSeconds = Integer.parseInt(v);
          case "--state-server" -> stateServer = Long.parseLong(v);
          case "--heap" -> {
            heap = true;
            i--; // a flag: no value
          }
          case "--dc" -> dc = java.util.Arrays.stream(v.split(",")).map(Path::of).toList();
          default -> {
            System.err.println("usage: load-test [--ca host:port] [--md host:port] "
                + "[--extension 7000] [--clients 50] [--rate 5] [--warmup 3] [--seconds 10] "
                + "[--pid serverPid] [--state-server 0] [--idle N] [--idle-seconds 10] [--heap] "
                + "[--threads 1] "
                + "[--grace-ms 2000] "
                + "[--dc a.dc,b.dc]");
            System.exit(argv[i].equals("--help") ? 0 : 2);
          }
        }
        i++;
      }
      if (clients < 2 || clients > 2000 || rate < 1 || rate > 100 || seconds < 1
          || seconds > 300 || idle < 0 || idle > 20_000 || threads < 1 || threads > 16
          || graceMs < 0 || graceMs > 60_000 || idleSeconds < 1 || idleSeconds > 300) {
        throw new IllegalArgumentException("clients 2..2000, rate 1..100, seconds 1..300, "
            + "idle 0..20000, idle-seconds 1..300, threads 1..16, grace-ms 0..60000");
      }
      if (heap && (pid <= 0 || idle == 0)) {
        throw new IllegalArgumentException("--heap needs --idle N and --pid (the server JVM to "
            + "ask with jcmd)");
      }
      return new Args(ca, md, extension, clients, rate, warmup, seconds, pid, idle, dc, threads,
          graceMs, idleSeconds, heap, stateServer);
    }

    private static InetSocketAddress hostPort(String s) {
      int colon = s.lastIndexOf(':');
      return new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }
  }
}
