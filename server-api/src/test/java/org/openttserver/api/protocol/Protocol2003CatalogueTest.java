package org.openttserver.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openttserver.api.msg.ClientMsg;

/** Every ClientMsg number with a layout in protocol-2003.md §2 has its codec, in its direction. */
class Protocol2003CatalogueTest {
  /** §2.1 "C→S" and "both" rows. */
  private static final Set<Integer> CLIENT_SENDS = Set.of(1, 3, 6, 8, 10, 14, 16, 24, 29, 31, 32,
      37, 49, 52, 56, 67, 70, 72, 73);
  /** §2.1 "S→C" and "both" rows. */
  private static final Set<Integer> SERVER_SENDS = Set.of(2, 4, 5, 7, 9, 11, 15, 17, 24, 25, 27,
      34, 35, 47, 48, 52, 53, 54, 57, 58, 68, 71);
  /** Defined by the client but never sent or read: no layout is known. */
  private static final Set<Integer> NO_LAYOUT = Set.of(12, 13, 45, 46, 65);

  private static Set<Integer> clientMsgNumbers() throws IllegalAccessException {
    Set<Integer> out = new TreeSet<>();
    for (Field f : ClientMsg.class.getDeclaredFields()) {
      int mod = f.getModifiers();
      if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && f.getType() == int.class) {
        out.add(f.getInt(null));
      }
    }
    return out;
  }

  @Test
  void everyClientMsgNumber_isLaidOutOrKnownToHaveNoLayout() throws Exception {
    Set<Integer> laidOut = new TreeSet<>(CLIENT_SENDS);
    laidOut.addAll(SERVER_SENDS);
    Set<Integer> all = new TreeSet<>(laidOut);
    all.addAll(NO_LAYOUT);
    assertThat(clientMsgNumbers()).containsExactlyInAnyOrderElementsOf(all);
    Set<Integer> codecTypes = Protocol2003.all().stream().map(MessageCodec::type)
        .collect(Collectors.toSet());
    assertThat(codecTypes).containsExactlyInAnyOrderElementsOf(laidOut);
  }

  @Test
  void eachDirection_hasExactlyTheNumbersOfThatDirection() {
    for (int type = 0; type <= 0xFF; type++) {
      assertThat(Protocol2003.serverBound(type).isPresent()).as("server decodes %d", type)
          .isEqualTo(CLIENT_SENDS.contains(type));
      assertThat(Protocol2003.clientBound(type).isPresent()).as("client decodes %d", type)
          .isEqualTo(SERVER_SENDS.contains(type));
    }
    for (int type : CLIENT_SENDS) {
      assertThat(Protocol2003.serverBound(type).orElseThrow().type()).isEqualTo(type);
    }
    for (int type : SERVER_SENDS) {
      assertThat(Protocol2003.clientBound(type).orElseThrow().type()).isEqualTo(type);
    }
  }

  @Test
  void sharedNumbers_areOneRecordEach() {
    assertThat(Protocol2003.clientBound(ClientMsg.DELETE_AVATAR_RESP).orElseThrow())
        .isSameAs(AvatarListResp.CODEC);
    assertThat(Protocol2003.serverBound(ClientMsg.OBJECT_UPDATE_FIELD).orElseThrow())
        .isSameAs(Protocol2003.clientBound(ClientMsg.OBJECT_UPDATE_FIELD_RESP).orElseThrow())
        .isSameAs(ObjectUpdateField.CODEC);
    assertThat(Protocol2003.serverBound(ClientMsg.HEARTBEAT).orElseThrow())
        .isSameAs(Heartbeat.CODEC);
    assertThat(Protocol2003.clientBound(ClientMsg.HEARTBEAT).orElseThrow())
        .isSameAs(Heartbeat.CODEC);
  }

  @Test
  void codec_byClass_isTheRecordsOwn_andUnknownClassesAreRefused() {
    for (MessageCodec<?> c : Protocol2003.all()) {
      assertThat(Protocol2003.codec(c.messageClass())).isSameAs(c);
      assertThat(c.messageClass().isRecord()).isTrue();
    }
    assertThatThrownBy(() -> Protocol2003.codec(String.class))
        .isInstanceOf(IllegalArgumentException.class);
    ProtocolMessage stranger = new ServerBound() { };
    assertThatThrownBy(() -> Protocol2003.encode(stranger))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void all_isInMessageNumberOrder() {
    int last = -1;
    for (MessageCodec<?> c : Protocol2003.all()) {
      assertThat(c.type()).isGreaterThanOrEqualTo(last);
      last = c.type();
    }
  }
}
