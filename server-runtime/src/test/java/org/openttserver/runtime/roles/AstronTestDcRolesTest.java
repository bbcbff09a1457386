package org.openttserver.runtime.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openttserver.api.msg.AstronMsg.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * The embedded roles on Astron's own test DC (read from an Astron checkout, {@code ASTRON_SRC},
 * default {@code /work/astron-src}; skipped when absent): objects with struct arrays, fixed
 * strings and blobs are created, stored and read back, and an update that breaks a range is not
 * applied.
 */
class AstronTestDcRolesTest {
  private static final long SS = 402000;
  private static final long DB = 402001;
  private static final long ME = 77_000_001L;

  @TempDir Path dir;

  private static MdDatagram dg(long to, int type, Consumer<DatagramWriter> payload) {
    return MdDatagram.builder(type).to(to).from(ME).payload(payload).build();
  }

  private static DatagramReader next(MdConnection link, int type) {
    while (true) {
      MdDatagram d = link.receive(Duration.ofSeconds(5)).orElseThrow(
          () -> new AssertionError("no " + nameOf(type)));
      if (d.msgType() == type) {
        return d.payload();
      }
    }
  }

  @Test
  void roles_whenAstronsTestDc_thenNewTypesStoredAndReadBack() throws Exception {
    Path testDc = Path.of(System.getenv().getOrDefault("ASTRON_SRC", "/work/astron-src"),
        "test", "files", "test.dc");
    assumeTrue(Files.isRegularFile(testDc), "no Astron test DC at " + testDc);
    String yaml = "general:\n  dc_files: [" + testDc + "]\n  dc_fallback: ''\n"
        + "  data_dir: " + dir.resolve("data") + "\n"
        + "messagedirector:\n  bind: 127.0.0.1:0\n"
        + "extension:\n  plugins_dir: " + dir.resolve("plugins") + "\n"
        + "roles:\n  - type: stateserver\n    control: " + SS + "\n"
        + "  - type: dbss\n    database: " + DB + "\n    ranges:\n      - {min: 100000000}\n"
        + "  - type: database\n    control: " + DB + "\n    generate: {min: 100000000}\n";
    try (Server server = TestServers.start(yaml, dir);
        MdConnection link = MdConnection.connect(server.mdAddress())) {
      DcFile dc = server.dc().file();
      assertThat(server.dc().clientHash()).isEqualTo(0x0B77BAF2L);
      link.subscribe(ME);
      link.flush();

      // A chunk in RAM: its required field is an array of structs.
      DcClass chunk = dc.dclass("DistributedChunk");
      byte[] blocks = new DatagramWriter().u16(24).u32(1).u32(2).u32(3).u32(4).u32(5).u32(6)
          .toByteArray();
      long doid = 5000;
      link.send(dg(SS, STATESERVER_CREATE_OBJECT_WITH_REQUIRED, w -> w.doId(doid).doId(0)
          .u32(0).u16(chunk.number()).bytes(blocks)));
      link.send(dg(doid, STATESERVER_OBJECT_GET_ALL, w -> w.u32(1).doId(doid)));
      DatagramReader all = next(link, STATESERVER_OBJECT_GET_ALL_RESP);
      all.readU32();
      assertThat(all.readDoId()).isEqualTo(doid);
      all.readDoId();
      all.readU32();
      assertThat(all.readU16()).isEqualTo(chunk.number());
      assertThat(all.readBytes(blocks.length)).isEqualTo(blocks);

      // A range broken by an update is not applied: setColor(uint8(0-100) ×3).
      DcClass colored = dc.dclass("DistributedClientTestObject");
      int setColor = colored.field("setColor").globalId();
      long d2 = 5001;
      link.send(dg(SS, STATESERVER_CREATE_OBJECT_WITH_REQUIRED, w -> w.doId(d2).doId(0).u32(0)
          .u16(colored.number()).string("n").u8(1).u8(2).u8(3)));
      link.send(dg(d2, STATESERVER_OBJECT_SET_FIELD, w -> w.doId(d2).u16(setColor).u8(101)
          .u8(0).u8(0)));
      link.send(dg(d2, STATESERVER_OBJECT_GET_FIELD, w -> w.u32(2).doId(d2).u16(setColor)));
      DatagramReader color = next(link, STATESERVER_OBJECT_GET_FIELD_RESP);
      assertThat(color.readU32()).isEqualTo(2);
      assertThat(color.readU8()).isEqualTo(1);
      assertThat(color.readU16()).isEqualTo(setColor);
      assertThat(List.of(color.readU8(), color.readU8(), color.readU8())).containsExactly(1, 2, 3);

      // The database stores fixed strings, fixed blobs and struct arrays.
      DcClass types = dc.dclass("DistributedDBTypeTestObject");
      int fixstr = types.field("db_fixstr").globalId();
      int fixblob = types.field("db_fixblob").globalId();
      int complex = types.field("db_complex").globalId();
      byte[] str32 = "abcdefghijklmnopqrstuvwxyz012345".getBytes();
      byte[] blob16 = new byte[16];
      blob16[15] = 9;
      byte[] complexValue = new DatagramWriter().u16(12).u32(7).u32(8).u32(9)
          .u32(1).u32(1).u32(1).u32(2).u32(2).u32(2).u32(3).u32(3).u32(3).toByteArray();
      link.send(dg(DB, DBSERVER_CREATE_OBJECT, w -> w.u32(3).u16(types.number()).u16(3)
          .u16(fixstr).bytes(str32).u16(fixblob).bytes(blob16).u16(complex).bytes(complexValue)));
      DatagramReader created = next(link, DBSERVER_CREATE_OBJECT_RESP);
      created.readU32();
      long stored = created.readDoId();
      assertThat(stored).isNotZero();
      link.send(dg(DB, DBSERVER_OBJECT_GET_FIELDS, w -> w.u32(4).doId(stored).u16(3).u16(fixstr)
          .u16(fixblob).u16(complex)));
      DatagramReader got = next(link, DBSERVER_OBJECT_GET_FIELDS_RESP);
      got.readU32();
      assertThat(got.readU8()).isEqualTo(1);
      assertThat(got.readU16()).isEqualTo(3);
      assertThat(got.readU16()).isEqualTo(fixstr);
      assertThat(got.readBytes(32)).isEqualTo(str32);
      assertThat(got.readU16()).isEqualTo(fixblob);
      assertThat(got.readBytes(16)).isEqualTo(blob16);
      assertThat(got.readU16()).isEqualTo(complex);
      assertThat(got.readBytes(complexValue.length)).isEqualTo(complexValue);
    }
  }
}
