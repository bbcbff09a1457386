package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.api.bridge.BridgeTestDc.THING;
import static org.openttserver.api.bridge.BridgeTestDc.thing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** doIds, parents and zones are u32 on the wire: a larger or negative one is refused at the call. */
class BridgeU32Test {
  private static final long TOO_BIG = 1L << 32 | 5;
  private final FakeParticipant participant = new FakeParticipant();
  private final AstronBridge bridge = AstronBridge.create(participant, 4_000_000_000L,
      BridgeTestDc.DC, BridgeSettings.defaults());

  @Test
  void everyDoIdParentAndZone_whenOutsideU32_thenIllegalArgumentAndNothingSent() {
    FieldValues values = thing(1, "t");
    FieldValues text = FieldValues.builder(THING).set("setText", "x").build();
    LiveObjects live = bridge.objects();
    DatabaseObjects db = bridge.database();
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("createObject doId", () -> live.createObject(TOO_BIG, 1, 2, values));
    calls.put("createObject parent", () -> live.createObject(1, TOO_BIG, 2, values));
    calls.put("createObject zone", () -> live.createObject(1, 2, TOO_BIG, values));
    calls.put("createObject(required, other) zone", () -> live.createObject(1, 2, -1,
        values.without("setText"), FieldValues.empty(THING)));
    calls.put("activate doId", () -> live.activate(TOO_BIG, 1, 2));
    calls.put("activate parent", () -> live.activate(1, -7, 2));
    calls.put("activate zone", () -> live.activate(1, 2, TOO_BIG));
    calls.put("activate overrides zone", () -> live.activate(1, 2, TOO_BIG, text));
    calls.put("isActive", () -> live.isActive(TOO_BIG));
    calls.put("setLocation doId", () -> live.setLocation(TOO_BIG, 1, 2));
    calls.put("setLocation parent", () -> live.setLocation(1, TOO_BIG, 2));
    calls.put("setLocation zone", () -> live.setLocation(1, 2, TOO_BIG));
    calls.put("setOwner", () -> live.setOwner(TOO_BIG, 9));
    calls.put("setAi", () -> live.setAi(TOO_BIG, 9));
    calls.put("setFields", () -> live.setFields(TOO_BIG, text));
    calls.put("getFields", () -> live.getFields(TOO_BIG, THING, "setText"));
    calls.put("live getAll", () -> live.getAll(TOO_BIG));
    calls.put("zoneObjects parent", () -> live.zoneObjects(TOO_BIG, 1));
    calls.put("zoneObjects zone", () -> live.zoneObjects(1, 2, TOO_BIG));
    calls.put("deleteRam", () -> live.deleteRam(TOO_BIG));
    calls.put("db getAll", () -> db.getAll(TOO_BIG));
    calls.put("db get", () -> db.get(TOO_BIG, THING, "setText"));
    calls.put("db set", () -> db.set(TOO_BIG, text));
    calls.put("db setIfEquals", () -> db.setIfEquals(TOO_BIG, text, text));
    calls.put("db setIfEmpty", () -> db.setIfEmpty(TOO_BIG, text));
    calls.put("db delete", () -> db.delete(TOO_BIG));

    calls.forEach((name, call) -> assertThatThrownBy(call).as(name)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u32"));
    assertThat(participant.sent).as("sent").isEmpty();
  }

  @Test
  void requireU32_whenBounds_thenOnlyZeroToFfffffffPass() {
    assertThat(BridgeArguments.requireU32("zone", 0)).isZero();
    assertThat(BridgeArguments.requireU32("zone", 0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL);
    assertThatThrownBy(() -> BridgeArguments.requireU32("zone", 0x1_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zone must be a u32 (0 to 4294967295), got 4294967296");
    assertThatThrownBy(() -> BridgeArguments.requireU32("doId", -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("doId");
  }
}
