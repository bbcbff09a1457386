package org.openttserver.testclient.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.api.msg.AstronMsg.*;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.testclient.md.MdConnection;

/**
 * The database role's behaviours that Astron's database tests check (create and get-all,
 * defaults, non-db and foreign fields, set and its broadcasts, get, set-if-equals and
 * set-if-empty, delete-field, delete, value types, bad input), over TCP. Subclass it and give
 * the endpoint, the DC and the role's control channel.
 */
public abstract class DatabaseConformanceTest extends RoleConformanceSupport {
  private static final String DEF = "RoleTestDefaults";
  private static final String TYPES = "RoleTestTypes";

  /** {@return the database role's control channel} */
  protected abstract long dbControl();

  private void send(Peer p, int type, Consumer<DatagramWriter> payload) {
    p.link().send(dg(dbControl(), p.channel(), type, payload));
  }

  /** Creates an object and returns its doid (asserting success). */
  private long create(Peer p, String cls, Consumer<DatagramWriter> fields) {
    send(p, DBSERVER_CREATE_OBJECT, w -> {
      w.u32(7).u16(cls(cls));
      fields.accept(w);
    });
    DatagramReader r = nextOfType(p.link(), DBSERVER_CREATE_OBJECT_RESP);
    assertThat(r.readU32()).isEqualTo(7);
    long doid = r.readDoId();
    assertThat(doid).isNotZero();
    return doid;
  }

  private long createStored(Peer p, long required, String text) {
    return create(p, DEF, w -> w.u16(2).u16(fid(DEF, "setStoredRequired")).u32(required)
        .u16(fid(DEF, "setStoredText")).string(text));
  }

  private void listen(Peer p, long doid) {
    p.link().subscribe((2L << 32) | doid);
    settle(p.link());
  }

  @Test
  void create_whenFieldsGiven_thenGetAllHasThemPlusExplicitDefaults() {
    Peer p = peer();
    long doid = createStored(p, 5, "hi");
    send(p, DBSERVER_OBJECT_GET_ALL, w -> w.u32(9).doId(doid));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_ALL_RESP, w -> w.u32(9).u8(1)
        .u16(cls(DEF)).u16(3).u16(fid(DEF, "setStoredText")).string("hi")
        .u16(fid(DEF, "setStoredRequired")).u32(5).u16(fid(DEF, "setDefaulted")).u8(20)));
  }

  @Test
  void create_whenNonDbFieldGiven_thenItIsSkipped() {
    Peer p = peer();
    long doid = create(p, DEF, w -> w.u16(2).u16(fid(DEF, "setRequiredA")).u32(1)
        .u16(fid(DEF, "setStoredRequired")).u32(2));
    send(p, DBSERVER_OBJECT_GET_ALL, w -> w.u32(1).doId(doid));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_ALL_RESP, w -> w.u32(1).u8(1)
        .u16(cls(DEF)).u16(2).u16(fid(DEF, "setStoredRequired")).u32(2)
        .u16(fid(DEF, "setDefaulted")).u8(20)));
  }

  @Test
  void create_whenFieldOfAnotherClassOrUnknownClass_thenFailsWithDoidZero() {
    Peer p = peer();
    send(p, DBSERVER_CREATE_OBJECT, w -> w.u32(3).u16(cls("RoleTestStored")).u16(1)
        .u16(fid(DEF, "setDefaulted")).u8(1));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_CREATE_OBJECT_RESP, w -> w.u32(3).doId(0)));
    send(p, DBSERVER_CREATE_OBJECT, w -> w.u32(4).u16(0xFFFF).u16(0));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_CREATE_OBJECT_RESP, w -> w.u32(4).doId(0)));
  }

  @Test
  void create_whenRepeated_thenEachObjectGetsItsOwnDoid() {
    Peer p = peer();
    long a = createStored(p, 1, "a");
    long b = createStored(p, 2, "b");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void getAll_whenObjectMissing_thenFailure() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    send(p, DBSERVER_OBJECT_DELETE, w -> w.doId(doid));
    send(p, DBSERVER_OBJECT_GET_ALL, w -> w.u32(2).doId(doid));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_ALL_RESP, w -> w.u32(2).u8(0)));
  }

  @Test
  void setField_whenApplied_thenBroadcastFromRequesterAndGetFieldSeesIt() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    listen(p, doid);
    int text = fid(DEF, "setStoredText");
    send(p, DBSERVER_OBJECT_SET_FIELD, w -> w.doId(doid).u16(text).string("new"));
    p.link().expect(dg((2L << 32) | doid, p.channel(), DBSERVER_OBJECT_SET_FIELD,
        w -> w.doId(doid).u16(text).string("new")));
    send(p, DBSERVER_OBJECT_GET_FIELD, w -> w.u32(5).doId(doid).u16(text));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_FIELD_RESP,
        w -> w.u32(5).u8(1).u16(text).string("new")));
  }

  @Test
  void setFields_whenApplied_thenOneBroadcastWithFieldsInIdOrder() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    listen(p, doid);
    int text = fid(DEF, "setStoredText");
    int req = fid(DEF, "setStoredRequired");
    send(p, DBSERVER_OBJECT_SET_FIELDS, w -> w.doId(doid).u16(2).u16(req).u32(9)
        .u16(text).string("t"));
    p.link().expect(dg((2L << 32) | doid, p.channel(), DBSERVER_OBJECT_SET_FIELDS,
        w -> w.doId(doid).u16(2).u16(text).string("t").u16(req).u32(9)));
  }

  /**
   * Unset fields are left out of the answer; a request naming a field id the DC file lacks is
   * answered with failure. (Astron c1436f90 drops such a request without an answer, logging
   * "Get field request included invalid field", so the last expectation fails against a real
   * astrond: a client waiting on it would time out instead.)
   */
  @Test
  void getFields_whenSomeUnset_thenOmittedAndInvalidIdFails() {
    Peer p = peer();
    long doid = createStored(p, 4, "x");
    int plain = fid(DEF, "setPlainDb");
    int req = fid(DEF, "setStoredRequired");
    send(p, DBSERVER_OBJECT_GET_FIELDS, w -> w.u32(1).doId(doid).u16(2).u16(plain).u16(req));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_FIELDS_RESP,
        w -> w.u32(1).u8(1).u16(1).u16(req).u32(4)));
    send(p, DBSERVER_OBJECT_GET_FIELD, w -> w.u32(2).doId(doid).u16(plain));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_FIELD_RESP, w -> w.u32(2).u8(0)));
    send(p, DBSERVER_OBJECT_GET_FIELDS, w -> w.u32(3).doId(doid).u16(1).u16(0xFFFF));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_FIELDS_RESP, w -> w.u32(3).u8(0)));
  }

  @Test
  void setFieldIfEquals_whenMatchingThenMismatching_thenSetsOnceAndReportsCurrentValue() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    listen(p, doid);
    int req = fid(DEF, "setStoredRequired");
    send(p, DBSERVER_OBJECT_SET_FIELD_IF_EQUALS, w -> w.u32(1).doId(doid).u16(req).u32(1).u32(2));
    p.link().expectMany(java.util.List.of(
        dg((2L << 32) | doid, p.channel(), DBSERVER_OBJECT_SET_FIELD, w -> w.doId(doid).u16(req).u32(2)),
        dg(p.channel(), dbControl(), DBSERVER_OBJECT_SET_FIELD_IF_EQUALS_RESP, w -> w.u32(1).u8(1))));
    send(p, DBSERVER_OBJECT_SET_FIELD_IF_EQUALS, w -> w.u32(2).doId(doid).u16(req).u32(1).u32(3));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_SET_FIELD_IF_EQUALS_RESP,
        w -> w.u32(2).u8(0).u16(req).u32(2)));
    p.link().expectNone();
  }

  @Test
  void setFieldsIfEquals_whenOneMismatches_thenNothingSetAndCurrentValuesListed() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    int req = fid(DEF, "setStoredRequired");
    int text = fid(DEF, "setStoredText");
    send(p, DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS, w -> w.u32(1).doId(doid).u16(2)
        .u16(req).u32(1).u32(5).u16(text).string("wrong").string("y"));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS_RESP,
        w -> w.u32(1).u8(0).u16(2).u16(text).string("x").u16(req).u32(1)));
    send(p, DBSERVER_OBJECT_GET_FIELD, w -> w.u32(2).doId(doid).u16(req));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_FIELD_RESP,
        w -> w.u32(2).u8(1).u16(req).u32(1)));
  }

  @Test
  void setFieldIfEquals_whenNonDbFieldOrMissingObject_thenPlainFailure() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    send(p, DBSERVER_OBJECT_SET_FIELD_IF_EQUALS, w -> w.u32(1).doId(doid)
        .u16(fid(DEF, "setRequiredA")).u32(78).u32(1));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_SET_FIELD_IF_EQUALS_RESP,
        w -> w.u32(1).u8(0)));
    send(p, DBSERVER_OBJECT_SET_FIELD_IF_EQUALS, w -> w.u32(2).doId(1)
        .u16(fid(DEF, "setStoredRequired")).u32(1).u32(2));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_SET_FIELD_IF_EQUALS_RESP,
        w -> w.u32(2).u8(0)));
  }

  @Test
  void setFieldIfEmpty_whenEmptyThenSet_thenSucceedsOnceAndReportsCurrent() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    int plain = fid(DEF, "setPlainDb");
    send(p, DBSERVER_OBJECT_SET_FIELD_IF_EMPTY, w -> w.u32(1).doId(doid).u16(plain).u16(11));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_SET_FIELD_IF_EMPTY_RESP,
        w -> w.u32(1).u8(1)));
    send(p, DBSERVER_OBJECT_SET_FIELD_IF_EMPTY, w -> w.u32(2).doId(doid).u16(plain).u16(12));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_SET_FIELD_IF_EMPTY_RESP,
        w -> w.u32(2).u8(0).u16(plain).u16(11)));
  }

  @Test
  void deleteField_whenExplicitDefault_thenResetElseRemoved() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    int defaulted = fid(DEF, "setDefaulted");
    int text = fid(DEF, "setStoredText");
    listen(p, doid);
    send(p, DBSERVER_OBJECT_SET_FIELD, w -> w.doId(doid).u16(defaulted).u8(99));
    nextOfType(p.link(), DBSERVER_OBJECT_SET_FIELD);
    send(p, DBSERVER_OBJECT_DELETE_FIELDS, w -> w.doId(doid).u16(2).u16(defaulted).u16(text));
    p.link().expectMany(java.util.List.of(
        dg((2L << 32) | doid, p.channel(), DBSERVER_OBJECT_DELETE_FIELD, w -> w.doId(doid).u16(text)),
        dg((2L << 32) | doid, p.channel(), DBSERVER_OBJECT_SET_FIELD,
            w -> w.doId(doid).u16(defaulted).u8(20))));
    send(p, DBSERVER_OBJECT_GET_FIELD, w -> w.u32(3).doId(doid).u16(text));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_FIELD_RESP, w -> w.u32(3).u8(0)));
  }

  @Test
  void delete_whenObjectExists_thenBroadcastAndGone() {
    Peer p = peer();
    long doid = createStored(p, 1, "x");
    listen(p, doid);
    send(p, DBSERVER_OBJECT_DELETE, w -> w.doId(doid));
    p.link().expect(dg((2L << 32) | doid, p.channel(), DBSERVER_OBJECT_DELETE, w -> w.doId(doid)));
    send(p, DBSERVER_OBJECT_GET_FIELD, w -> w.u32(3).doId(doid).u16(fid(DEF, "setStoredText")));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_FIELD_RESP, w -> w.u32(3).u8(0)));
  }

  /**
   * Every parameter type round-trips byte for byte, including a UTF-8 string. (Astron c1436f90
   * refuses string bytes of 0x80 and above, "string encoding type violation", so against a real
   * astrond the create of "héllo" fails.)
   */
  @Test
  void create_whenEveryValueType_thenStoredByteForByte() {
    Peer p = peer();
    Consumer<DatagramWriter> fields = w -> w.u16(13)
        .u16(fid(TYPES, "setU8")).u8(200).u16(fid(TYPES, "setU16")).u16(60000)
        .u16(fid(TYPES, "setU32")).u32(4000000000L).u16(fid(TYPES, "setU64")).u64(-2L)
        .u16(fid(TYPES, "setI8")).i8(-5).u16(fid(TYPES, "setI16")).i16(-300)
        .u16(fid(TYPES, "setI32")).i32(-70000).u16(fid(TYPES, "setI64")).i64(-5_000_000_000L)
        .u16(fid(TYPES, "setF64")).f64(2.5).u16(fid(TYPES, "setText")).string("héllo")
        .u16(fid(TYPES, "setData")).blob(new byte[] {0, 1, 2})
        .u16(fid(TYPES, "setList")).u16(8).u32(1).u32(2)
        .u16(fid(TYPES, "setPair")).u16(3).string("b");
    long doid = create(p, TYPES, fields);
    send(p, DBSERVER_OBJECT_GET_ALL, w -> w.u32(1).doId(doid));
    p.link().expect(dg(p.channel(), dbControl(), DBSERVER_OBJECT_GET_ALL_RESP, w -> {
      w.u32(1).u8(1).u16(cls(TYPES));
      fields.accept(w);
    }));
  }

  @Test
  void malformedRequest_whenTruncated_thenIgnoredAndLaterRequestsServed() {
    Peer p = peer();
    send(p, DBSERVER_CREATE_OBJECT, w -> w.u32(1).u16(cls(DEF)).u16(1)
        .u16(fid(DEF, "setStoredText")).u16(50));
    send(p, DBSERVER_OBJECT_GET_ALL, w -> w.u16(1));
    MdConnection link = p.link();
    DatagramReader r = nextOfType(link, DBSERVER_CREATE_OBJECT_RESP);
    assertThat(r.readU32()).isEqualTo(1);
    assertThat(r.readDoId()).isZero();
    createStored(p, 1, "still serving");
  }
}
