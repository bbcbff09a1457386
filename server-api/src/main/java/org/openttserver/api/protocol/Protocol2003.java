package org.openttserver.api.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue of the 2003 client's game protocol (sv1.0.6.9): one codec per message record,
 * looked up by record class or by message type and direction.
 *
 * <p>Every message of protocol-2003.md §2 whose layout is known has a record here, in both
 * directions. Two numbers carry two messages:
 * 5 (GET_AVATARS_RESP and DELETE_AVATAR_RESP, one record {@link AvatarListResp}) and 24 (the
 * field update both ways, {@link ObjectUpdateField}); 52 ({@link Heartbeat}) goes both ways.
 * Five messages the client defines but never sends or reads have no layout in the client and so
 * no record: CLIENT_GET_FRIEND_DETAILS (12), CLIENT_GET_FRIEND_DETAILS_RESP (13),
 * CLIENT_CHANGE_IP_ADDRESS_RESP (45), CLIENT_GET_STATE (46) and CLIENT_CHANGE_PASSWORD (65).
 *
 * <pre>{@code
 * byte[] body = Protocol2003.encode(new DoneSetZoneResp(2000));
 * DatagramReader in = new DatagramReader(body);
 * int type = in.readU16();
 * ClientBound msg = Protocol2003.clientBound(type).orElseThrow().readAll(in);
 * }</pre>
 *
 * @since 0.2
 */
public final class Protocol2003 {
  private Protocol2003() {}

  private static final List<MessageCodec<?>> ALL = List.of(
      Login.CODEC,
      LoginResp.CODEC,
      GetAvatars.CODEC,
      GoGetLost.CODEC,
      AvatarListResp.CODEC,
      CreateAvatar.CODEC,
      CreateAvatarResp.CODEC,
      GetShardList.CODEC,
      GetShardListResp.CODEC,
      GetFriendList.CODEC,
      GetFriendListResp.CODEC,
      GetAvatarDetails.CODEC,
      GetAvatarDetailsResp.CODEC,
      Login2.CODEC,
      Login2Resp.CODEC,
      ObjectUpdateField.CODEC,
      ObjectDisableResp.CODEC,
      ObjectDeleteResp.CODEC,
      SetZone.CODEC,
      SetShard.CODEC,
      SetAvatar.CODEC,
      CreateObjectRequired.CODEC,
      CreateObjectRequiredOther.CODEC,
      Disconnect.CODEC,
      GetStateResp.CODEC,
      DoneSetZoneResp.CODEC,
      DeleteAvatar.CODEC,
      Heartbeat.CODEC,
      FriendOnline.CODEC,
      FriendOffline.CODEC,
      RemoveFriend.CODEC,
      ServerUp.CODEC,
      ServerDown.CODEC,
      SetNamePattern.CODEC,
      SetNamePatternAnswer.CODEC,
      SetWishName.CODEC,
      SetWishNameResp.CODEC,
      SetWishNameClear.CODEC,
      SetSecurity.CODEC);

  private static final Map<Class<?>, MessageCodec<?>> BY_CLASS = new HashMap<>();
  private static final Map<Integer, MessageCodec<? extends ServerBound>> SERVER_BOUND =
      new HashMap<>();
  private static final Map<Integer, MessageCodec<? extends ClientBound>> CLIENT_BOUND =
      new HashMap<>();

  static {
    for (MessageCodec<?> c : ALL) {
      index(c);
    }
  }

  @SuppressWarnings("unchecked")
  private static void index(MessageCodec<?> c) {
    if (BY_CLASS.put(c.messageClass(), c) != null) {
      throw new ExceptionInInitializerError("two codecs for " + c.messageClass());
    }
    if (ServerBound.class.isAssignableFrom(c.messageClass())
        && SERVER_BOUND.put(c.type(), (MessageCodec<? extends ServerBound>) c) != null) {
      throw new ExceptionInInitializerError("two client messages numbered " + c.type());
    }
    if (ClientBound.class.isAssignableFrom(c.messageClass())
        && CLIENT_BOUND.put(c.type(), (MessageCodec<? extends ClientBound>) c) != null) {
      throw new ExceptionInInitializerError("two server messages numbered " + c.type());
    }
  }

  /** {@return every codec, in message-number order} */
  public static List<MessageCodec<?>> all() {
    return ALL;
  }

  /**
   * Finds the codec of a record class.
   *
   * @param messageClass a record of this package
   * @param <M> the record
   * @return its codec
   * @throws IllegalArgumentException if the class is not a 2003 message of the catalogue
   */
  @SuppressWarnings("unchecked")
  public static <M> MessageCodec<M> codec(Class<M> messageClass) {
    MessageCodec<?> c = BY_CLASS.get(Objects.requireNonNull(messageClass, "messageClass"));
    if (c == null) {
      throw new IllegalArgumentException(messageClass.getName() + " is not a 2003 message");
    }
    return (MessageCodec<M>) c;
  }

  /**
   * Finds the codec the server decodes a client message with.
   *
   * @param type the u16 message type
   * @return the codec, or empty when the client sends no such message with a known layout
   */
  public static Optional<MessageCodec<? extends ServerBound>> serverBound(int type) {
    return Optional.ofNullable(SERVER_BOUND.get(type));
  }

  /**
   * Finds the codec the client decodes a server message with.
   *
   * @param type the u16 message type
   * @return the codec, or empty when the client reads no such message with a known layout
   */
  public static Optional<MessageCodec<? extends ClientBound>> clientBound(int type) {
    return Optional.ofNullable(CLIENT_BOUND.get(type));
  }

  /**
   * Encodes a message body: the u16 type, then the payload.
   *
   * @param message a record of this package
   * @return the body (what a frame carries after its u16 length)
   * @throws IllegalArgumentException if the message is not a record of the catalogue, or a
   *     string is too long for its u16 count
   */
  public static byte[] encode(ProtocolMessage message) {
    return encodeWith(codec(message.getClass()), message);
  }

  private static <M> byte[] encodeWith(MessageCodec<M> codec, Object message) {
    return codec.encode(codec.messageClass().cast(message));
  }
}
