package org.openttserver.runtime.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.api.msg.AstronMsg.*;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcFile;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Acknowledged database writes survive kill -9: a child JVM runs the database role, the test
 * creates objects and changes fields, waiting for each acknowledgement, kills the child
 * forcibly right after, restarts it on the same data directory and reads everything back.
 */
class DatabaseKillTest {
  private static final long ME = 77_000_000_000L;
  private static final String CLS = "RoleTestDefaults";

  @TempDir
  Path dir;
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void acknowledgedWrites_whenServerKilledHard_thenAllPresentAfterRestart() throws Exception {
    Path cfg = writeConfig();
    Map<Long, Long> expected = new HashMap<>();
    try (MdConnection link = startChild(cfg)) {
      for (int i = 0; i < 200; i++) {
        long doid = create(link, i);
        expected.put(doid, (long) i);
        if (i % 2 == 0) {
          assertThat(setIfEquals(link, doid, i, i + 1_000_000)).isTrue();
          expected.put(doid, (long) i + 1_000_000);
        }
      }
      for (int i = 0; i < 500; i++) {
        link.send(set(expected.keySet().iterator().next(), 5));
      }
    }
    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    try (MdConnection link = startChild(cfg)) {
      for (Map.Entry<Long, Long> e : expected.entrySet()) {
        if (e.getKey().equals(expected.keySet().iterator().next())) {
          continue;
        }
        assertThat(get(link, e.getKey())).as("doid %d", e.getKey()).isEqualTo(e.getValue());
      }
    }
  }

  private Path writeConfig() throws IOException {
    String yaml = RoleServers.generalYaml(dir) + "messagedirector:\n  bind: 127.0.0.1:0\n"
        + "extension:\n  plugins_dir: " + dir.resolve("plugins") + "\n"
        + "roles:\n  - type: database\n    control: " + RoleServers.DB_CONTROL + "\n"
        + "    generate: {min: 1000000, max: 1999999}\n";
    Path f = dir.resolve("child.yml");
    Files.writeString(f, yaml);
    return f;
  }

  private MdConnection startChild(Path cfg) throws Exception {
    String javaCmd = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path") + File.pathSeparator
        + System.getProperty("jdk.module.path", "");
    child = new ProcessBuilder(javaCmd, "-cp", cp, ChildServerMain.class.getName(), cfg.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(out));
    MdConnection link = MdConnection.connect(
        new InetSocketAddress("127.0.0.1", port.get(60, TimeUnit.SECONDS)));
    link.subscribe(ME);
    return link;
  }

  private static int readPort(BufferedReader out) {
    try {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("MD_PORT=")) {
          return Integer.parseInt(line.substring(8));
        }
      }
      throw new IllegalStateException("the child server exited without serving");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DcFile dc() {
    return RoleServers.dc();
  }

  private static int field() {
    return dc().dclass(CLS).field("setStoredRequired").globalId();
  }

  private static MdDatagram req(int type, java.util.function.Consumer<
      org.openttserver.api.datagram.DatagramWriter> p) {
    return MdDatagram.builder(type).to(RoleServers.DB_CONTROL).from(ME).payload(p).build();
  }

  private static long create(MdConnection link, int i) {
    link.send(req(DBSERVER_CREATE_OBJECT, w -> w.u32(i).u16(dc().dclass(CLS).number()).u16(1)
        .u16(field()).u32(i)));
    DatagramReader r = reply(link, DBSERVER_CREATE_OBJECT_RESP);
    assertThat(r.readU32()).isEqualTo(i);
    long doid = r.readDoId();
    assertThat(doid).isNotZero();
    return doid;
  }

  private static boolean setIfEquals(MdConnection link, long doid, long old, long value) {
    link.send(req(DBSERVER_OBJECT_SET_FIELD_IF_EQUALS, w -> w.u32(1).doId(doid).u16(field())
        .u32(old).u32(value)));
    DatagramReader r = reply(link, DBSERVER_OBJECT_SET_FIELD_IF_EQUALS_RESP);
    r.readU32();
    return r.readU8() == 1;
  }

  private static MdDatagram set(long doid, long value) {
    return req(DBSERVER_OBJECT_SET_FIELD, w -> w.doId(doid).u16(field()).u32(value));
  }

  private static long get(MdConnection link, long doid) {
    link.send(req(DBSERVER_OBJECT_GET_FIELD, w -> w.u32(2).doId(doid).u16(field())));
    DatagramReader r = reply(link, DBSERVER_OBJECT_GET_FIELD_RESP);
    r.readU32();
    assertThat(r.readU8()).as("doid %d found", doid).isEqualTo(1);
    r.readU16();
    return r.readU32();
  }

  private static DatagramReader reply(MdConnection link, int type) {
    List<MdDatagram> seen = new ArrayList<>();
    while (true) {
      MdDatagram d = link.receive(java.time.Duration.ofSeconds(10))
          .orElseThrow(() -> new AssertionError("no reply " + type + "; saw " + seen));
      if (d.msgType() == type) {
        return d.payload();
      }
      seen.add(d);
    }
  }
}
