package org.openttserver.api.msg;

import java.util.Map;

/**
 * The 2003 client's message types (sv1.0.6.9, {@code MsgTypes} and {@code ToontownMsgTypes}).
 *
 * <p>Every client message is a u16 type followed by its payload; the layouts are documented on
 * each constant. "C→S" is client to server. The 2003 numbers are explicit here and must never be
 * derived from declaration order.
 *
 * @since 0.1
 */
public final class ClientMsg {
  private ClientMsg() {}

  /** C→S: str loginName, u32 ip, u16 port, str serverVersion, u32 dcHash, str password, bool create. */
  public static final int LOGIN = 1;
  /** S→C: u8 code, u32 accountCode, str error, u32 sec, u32 usec. */
  public static final int LOGIN_RESP = 2;
  /** C→S: no payload. */
  public static final int GET_AVATARS = 3;
  /** S→C: optional u16 reason code and str reason text; the server then closes the socket. */
  public static final int GO_GET_LOST = 4;
  /** S→C: u8 code, u16 count, then per avatar u32 id, 4 × str names, str dna, u8 slot, u8 aname. */
  public static final int GET_AVATARS_RESP = 5;
  /** S→C: the same number and layout as {@link #GET_AVATARS_RESP}. */
  public static final int DELETE_AVATAR_RESP = 5;
  /** C→S: u16 echoContext, str dna, u8 slot. */
  public static final int CREATE_AVATAR = 6;
  /** S→C: u16 echoContext, u8 code, then u32 avatarId only when the code is 0. */
  public static final int CREATE_AVATAR_RESP = 7;
  /** C→S: no payload. */
  public static final int GET_SHARD_LIST = 8;
  /** S→C: u16 count, then per shard u32 id, str name, u32 population. */
  public static final int GET_SHARD_LIST_RESP = 9;
  /** C→S: no payload. */
  public static final int GET_FRIEND_LIST = 10;
  /** S→C: u8 error, then (when 0) u16 count and per friend u32 id, str name, str dna. */
  public static final int GET_FRIEND_LIST_RESP = 11;
  /** C→S: defined by the client, never sent. */
  public static final int GET_FRIEND_DETAILS = 12;
  /** S→C: defined by the client, never handled. */
  public static final int GET_FRIEND_DETAILS_RESP = 13;
  /** C→S: u32 avatarId. */
  public static final int GET_AVATAR_DETAILS = 14;
  /** S→C: u32 avatarId, u8 code, then every required field of DistributedToon in order. */
  public static final int GET_AVATAR_DETAILS_RESP = 15;
  /** C→S: str token, str serverVersion, u32 dcHash, i32 tokenType. */
  public static final int LOGIN_2 = 16;
  /** S→C: u8 code, str error, str userName, u8 secretChat, u32 sec, u32 usec, u8 paid[, i32 min]. */
  public static final int LOGIN_2_RESP = 17;
  /** Both directions: u32 doId, u16 per-class field number, the packed arguments. */
  public static final int OBJECT_UPDATE_FIELD = 24;
  /** S→C: the same number and layout as {@link #OBJECT_UPDATE_FIELD}. */
  public static final int OBJECT_UPDATE_FIELD_RESP = 24;
  /** S→C: u32 doId; the object left the client's view. */
  public static final int OBJECT_DISABLE_RESP = 25;
  /** S→C: u32 doId; the object was destroyed. */
  public static final int OBJECT_DELETE_RESP = 27;
  /** C→S: u16 zoneId. */
  public static final int SET_ZONE = 29;
  /** C→S: u32 shardId. */
  public static final int SET_SHARD = 31;
  /** C→S: u32 avatarId (0 = leave the game). */
  public static final int SET_AVATAR = 32;
  /** S→C: u16 classNumber, u32 doId, the required-and-broadcast fields. */
  public static final int CREATE_OBJECT_REQUIRED = 34;
  /** S→C: as {@link #CREATE_OBJECT_REQUIRED}, then u16 count and (u16 field, value) pairs. */
  public static final int CREATE_OBJECT_REQUIRED_OTHER = 35;
  /** C→S: no payload; the client closes the socket next. */
  public static final int DISCONNECT = 37;
  /** S→C: defined by the client, never handled. */
  public static final int CHANGE_IP_ADDRESS_RESP = 45;
  /** C→S: defined by the client, never sent. */
  public static final int GET_STATE = 46;
  /** S→C: 12 bytes the client skips, then u16 zoneId. */
  public static final int GET_STATE_RESP = 47;
  /** S→C: u16 zoneId; every object of the zone has been sent. */
  public static final int DONE_SET_ZONE_RESP = 48;
  /** C→S: u32 avatarId. */
  public static final int DELETE_AVATAR = 49;
  /** Both directions: no payload. */
  public static final int HEARTBEAT = 52;
  /** S→C: u32 avatarId. */
  public static final int FRIEND_ONLINE = 53;
  /** S→C: u32 avatarId. */
  public static final int FRIEND_OFFLINE = 54;
  /** C→S: u32 avatarId. */
  public static final int REMOVE_FRIEND = 56;
  /** S→C: u32 shardId, str name. */
  public static final int SERVER_UP = 57;
  /** S→C: u32 shardId. */
  public static final int SERVER_DOWN = 58;
  /** C→S: defined by the client, never sent. */
  public static final int CHANGE_PASSWORD = 65;
  /** C→S: u32 avatarId, then four (u16 index, u16 flag) pairs. */
  public static final int SET_NAME_PATTERN = 67;
  /** S→C: u32 avatarId, u8 code. */
  public static final int SET_NAME_PATTERN_ANSWER = 68;
  /** C→S: u32 avatarId, str typedName. */
  public static final int SET_WISHNAME = 70;
  /** S→C: u32 avatarId, u16 code, str pending, str approved, str rejected. */
  public static final int SET_WISHNAME_RESP = 71;
  /** C→S: u32 avatarId, u8 action (1 = accept the approved name, 0 = clear). */
  public static final int SET_WISHNAME_CLEAR = 72;
  /** C→S: str token, i32 tokenType. */
  public static final int SET_SECURITY = 73;

  /** The token types carried in {@link #LOGIN_2} and {@link #SET_SECURITY}. */
  public static final class TokenType {
    private TokenType() {}

    /** Never sent by sv1.0.6.9 (its "green" code is out of date). */
    public static final int GREEN = 1;
    /** A play token from the account server or the launcher. */
    public static final int PLAY_TOKEN = 2;
    /** A "blue" code. */
    public static final int BLUE = 3;
  }

  private static final Map<Integer, String> NAMES = MessageNames.of(ClientMsg.class);

  /**
   * Names a message type for logs.
   *
   * @param type the u16 type
   * @return the constant's name (the first one for shared numbers), or {@code "UNKNOWN(n)"}
   */
  public static String nameOf(int type) {
    String name = NAMES.get(type);
    return name != null ? name : "UNKNOWN(" + type + ")";
  }
}
