package org.openttserver.testclient.client;

import java.util.function.Consumer;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.ClientMsg;

/**
 * Builds every message the 2003 client (sv1.0.6.9) sends, as a frame body: u16 message type, then
 * the payload, all little-endian; strings are a u16 byte count then the bytes.
 */
public final class ClientRequests {
  private ClientRequests() {}

  /**
   * Builds a body from a type and a payload writer.
   *
   * @param msgType the u16 message type
   * @param payload writes the payload
   * @return the body
   */
  public static byte[] message(int msgType, Consumer<DatagramWriter> payload) {
    DatagramWriter w = new DatagramWriter().u16(msgType);
    payload.accept(w);
    return w.toByteArray();
  }

  private static byte[] empty(int msgType) {
    return message(msgType, w -> { });
  }

  private static byte[] withId(int msgType, long id) {
    return message(msgType, w -> w.u32(id));
  }

  /**
   * CLIENT_LOGIN (1), old-auth login.
   *
   * @param loginName typed user name
   * @param ip the client's own IPv4 address as a host-order number
   * @param port always 5150 in the real client
   * @param serverVersion e.g. {@code sv1.0.6.9}
   * @param dcHash the client's DC hash
   * @param password clear text
   * @param createAccount true to create the account
   * @return the body
   */
  public static byte[] login(String loginName, long ip, int port, String serverVersion,
      long dcHash, String password, boolean createAccount) {
    return message(ClientMsg.LOGIN, w -> w.string(loginName).u32(ip).u16(port)
        .string(serverVersion).u32(dcHash).string(password).bool(createAccount));
  }

  /**
   * CLIENT_LOGIN_2 (16), the normal login.
   *
   * @param token play token or blue code
   * @param serverVersion e.g. {@code sv1.0.6.9}
   * @param dcHash the client's DC hash
   * @param tokenType {@link ClientMsg.TokenType} (2 for play tokens)
   * @return the body
   */
  public static byte[] login2(String token, String serverVersion, long dcHash, int tokenType) {
    return message(ClientMsg.LOGIN_2,
        w -> w.string(token).string(serverVersion).u32(dcHash).i32(tokenType));
  }

  /** {@return CLIENT_GET_AVATARS (3), no payload} */
  public static byte[] getAvatars() {
    return empty(ClientMsg.GET_AVATARS);
  }

  /**
   * CLIENT_CREATE_AVATAR (6).
   *
   * @param echoContext echoed in the reply (the client sends 0)
   * @param dna the 15-byte DNA net string
   * @param position slot 0–5
   * @return the body
   */
  public static byte[] createAvatar(int echoContext, byte[] dna, int position) {
    return message(ClientMsg.CREATE_AVATAR, w -> w.u16(echoContext).blob(dna).u8(position));
  }

  /** {@return CLIENT_GET_SHARD_LIST (8), no payload} */
  public static byte[] getShardList() {
    return empty(ClientMsg.GET_SHARD_LIST);
  }

  /** {@return CLIENT_GET_FRIEND_LIST (10), no payload} */
  public static byte[] getFriendList() {
    return empty(ClientMsg.GET_FRIEND_LIST);
  }

  /**
   * CLIENT_GET_AVATAR_DETAILS (14).
   *
   * @param avatarId the avatar
   * @return the body
   */
  public static byte[] getAvatarDetails(long avatarId) {
    return withId(ClientMsg.GET_AVATAR_DETAILS, avatarId);
  }

  /**
   * CLIENT_OBJECT_UPDATE_FIELD (24).
   *
   * @param doId the object
   * @param fieldNumber the DC field number
   * @param args the packed arguments
   * @return the body
   */
  public static byte[] objectUpdateField(long doId, int fieldNumber, byte[] args) {
    return message(ClientMsg.OBJECT_UPDATE_FIELD, w -> w.u32(doId).u16(fieldNumber).bytes(args));
  }

  /**
   * CLIENT_SET_ZONE (29); the zone is a u16.
   *
   * @param zoneId the zone, 0–65535
   * @return the body
   */
  public static byte[] setZone(int zoneId) {
    return message(ClientMsg.SET_ZONE, w -> w.u16(zoneId));
  }

  /**
   * CLIENT_SET_SHARD (31).
   *
   * @param shardId the district
   * @return the body
   */
  public static byte[] setShard(long shardId) {
    return withId(ClientMsg.SET_SHARD, shardId);
  }

  /**
   * CLIENT_SET_AVATAR (32); 0 leaves the game.
   *
   * @param avatarId the avatar, or 0
   * @return the body
   */
  public static byte[] setAvatar(long avatarId) {
    return withId(ClientMsg.SET_AVATAR, avatarId);
  }

  /** {@return CLIENT_DISCONNECT (37), no payload} */
  public static byte[] disconnect() {
    return empty(ClientMsg.DISCONNECT);
  }

  /**
   * CLIENT_DELETE_AVATAR (49).
   *
   * @param avatarId the avatar
   * @return the body
   */
  public static byte[] deleteAvatar(long avatarId) {
    return withId(ClientMsg.DELETE_AVATAR, avatarId);
  }

  /** {@return CLIENT_HEARTBEAT (52), no payload} */
  public static byte[] heartbeat() {
    return empty(ClientMsg.HEARTBEAT);
  }

  /**
   * CLIENT_REMOVE_FRIEND (56).
   *
   * @param avatarId the former friend
   * @return the body
   */
  public static byte[] removeFriend(long avatarId) {
    return withId(ClientMsg.REMOVE_FRIEND, avatarId);
  }

  /**
   * CLIENT_SET_NAME_PATTERN (67): the avatar, then four (u16 index, u16 flag) pairs for title,
   * first name, last-name prefix and last-name suffix.
   *
   * @param avatarId the avatar
   * @param indices four name indices
   * @param flags four flags
   * @return the body
   */
  public static byte[] setNamePattern(long avatarId, int[] indices, int[] flags) {
    if (indices.length != 4 || flags.length != 4) {
      throw new IllegalArgumentException("a name pattern has exactly four parts");
    }
    return message(ClientMsg.SET_NAME_PATTERN, w -> {
      w.u32(avatarId);
      for (int i = 0; i < 4; i++) {
        w.u16(indices[i]).u16(flags[i]);
      }
    });
  }

  /**
   * CLIENT_SET_WISHNAME (70).
   *
   * @param avatarId the avatar
   * @param typedName the typed name
   * @return the body
   */
  public static byte[] setWishName(long avatarId, String typedName) {
    return message(ClientMsg.SET_WISHNAME, w -> w.u32(avatarId).string(typedName));
  }

  /**
   * CLIENT_SET_WISHNAME_CLEAR (72).
   *
   * @param avatarId the avatar
   * @param action 1 = accept the approved name, 0 = drop the rejected or pending one
   * @return the body
   */
  public static byte[] setWishNameClear(long avatarId, int action) {
    return message(ClientMsg.SET_WISHNAME_CLEAR, w -> w.u32(avatarId).u8(action));
  }

  /**
   * CLIENT_SET_SECURITY (73).
   *
   * @param token the play token
   * @param tokenType the token type (2 in the real client)
   * @return the body
   */
  public static byte[] setSecurity(String token, int tokenType) {
    return message(ClientMsg.SET_SECURITY, w -> w.string(token).i32(tokenType));
  }
}
